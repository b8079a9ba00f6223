import { describe, expect, it } from "vitest";
import { sample } from "../../tests/fixtures/samples";
import { detectFormat, ExtractionError, extractLab, UNSUPPORTED_FILE } from "./index";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("detectFormat reads content first", () => {
  it.each([
    ["sample_lab_report.pdf", "pdf", { filename: "results.csv", contentType: "text/csv" }],
    ["LAB-ORU-1.hl7", "hl7v2", { filename: "labs.json", contentType: "application/json" }],
    ["ORU_R01_2.5.1_SampleTestCase1.hl7", "hl7v2", { filename: "report.pdf" }],
    ["observation-serum-creatinine.json", "fhir", { filename: "labs.csv", contentType: "text/csv" }],
    ["diagnosticreport-cbc.json", "fhir", { contentType: "application/octet-stream" }],
  ] as const)("%s is %s whatever its name says", (file, format, hints) => {
    expect(detectFormat(sample(file), hints)).toBe(format);
  });

  it.each([
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], "image"],
    ["JPEG", [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "image"],
    ["TIFF (II)", [0x49, 0x49, 0x2a, 0x00, 8, 0], "image"],
    ["TIFF (MM)", [0x4d, 0x4d, 0x00, 0x2a, 0, 8], "image"],
  ] as const)("%s signature is an image", (_name, signature, format) => {
    expect(detectFormat(new Uint8Array(signature), { filename: "labs.hl7" })).toBe(format);
  });

  it("tells lab-item JSON from FHIR, and CSV from everything", () => {
    expect(detectFormat(bytes('[{"name":"Glucose","value":"90"}]'), { contentType: "text/csv" })).toBe("json");
    expect(detectFormat(bytes('{"resourceType":"Bundle","entry":[]}'))).toBe("fhir");
    expect(detectFormat(bytes("Test,Result,Unit\nGlucose,90,mg/dL\n"), { filename: "x.pdf", contentType: "application/pdf" })).toBe("csv");
    expect(detectFormat(bytes("\uFEFFAnalyte;Value\nGlucose;90\n"))).toBe("csv");
  });

  it("uses a hint only to break a tie", () => {
    const unknownHeader = bytes("Foo,Bar\n1,2\n");
    expect(detectFormat(unknownHeader)).toBeNull();
    expect(detectFormat(unknownHeader, { filename: "results.csv" })).toBe("csv");
    expect(detectFormat(bytes("just some words"), { filename: "results.csv" })).toBeNull();
  });

  it("recognises nothing in empty or random bytes", () => {
    expect(detectFormat(new Uint8Array())).toBeNull();
    expect(detectFormat(new Uint8Array([0x00, 0x13, 0xfe, 0x81, 0x7f, 0x00, 0x42]), { filename: "labs.pdf" })).toBeNull();
  });
});

describe("extractLab errors", () => {
  it("says an empty file is empty", async () => {
    await expect(extractLab({ bytes: new Uint8Array() })).rejects.toThrow(new ExtractionError("the file is empty"));
    await expect(extractLab({ bytes: bytes("  \n\n ") })).rejects.toThrow(new ExtractionError("the file is empty"));
  });

  it("says random bytes are not a lab report it can read", async () => {
    const random = Uint8Array.from({ length: 512 }, (_, index) => (index * 7919 + 13) % 256);
    await expect(extractLab({ bytes: random, filename: "labs.pdf", contentType: "application/pdf" })).rejects.toThrow(new ExtractionError(UNSUPPORTED_FILE));
  });

  it("never lets a library's error through raw", async () => {
    const error = await extractLab({ bytes: bytes("MSH|^~\\&|broken") }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExtractionError);
  });
});
