import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../clinical/catalogue";
import { identify } from "../clinical/normalize";
import { IDENTIFIER_CORPUS, NEGATIVE_CORPUS } from "./deidentify-corpus";
import { declaredNamesInContext, declaredNamesInFile } from "./deidentify-source";
import { createDeidentifier, declaredNames, deidentify, deidentifyText } from "./deidentify";

const SAMPLES = path.resolve(import.meta.dirname, "../../tests/fixtures/samples");

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The identifier as a whole word, in any case: "Eve" is gone even though "level" remains. */
const stillThere = (text: string, identifier: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(identifier)}(?![\\p{L}\\p{N}])`, "iu").test(text);

describe("deidentifyText on each Safe Harbor identifier type", () => {
  describe.each(Object.entries(IDENTIFIER_CORPUS))("%s", (_type, cases) => {
    it.each(cases)("$text", ({ text, gone, kept }) => {
      const { text: clean, removed } = deidentifyText(text);
      expect(removed).toBeGreaterThan(0);
      for (const identifier of gone) expect(stillThere(clean, identifier), `"${identifier}" is still in "${clean}"`).toBe(false);
      for (const content of kept) expect(clean).toContain(content);
    });
  });

  it("has at least four forms of every type", () => {
    for (const cases of Object.values(IDENTIFIER_CORPUS)) expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ["Patient Name: Rahul Sharma, fasting sample", "Patient Name: [name], fasting sample", 1],
    ["Pt: O'Brien, Mary K. called back", "Pt: [name] called back", 1],
    ["pt jane roe", "pt [name]", 1],
    ["MRN: CGH-2026-04521", "MRN: [id]", 1],
    ["chart Q7788", "chart [id]", 1],
    ["Patient ID #A1234567 confirmed", "Patient ID #[id] confirmed", 1],
    ["Call (206) 334-5232 or 206-752-1210", "Call [phone] or [phone]", 2],
    ["Results sent to jane.doe@example.org", "Results sent to [email]", 1],
    ["Lives at 153 Fernwood Drive, Statesville, OH 35292.", "Lives at [address].", 1],
    ["221B Baker Street", "[address]", 1],
    ["DOB: 03/20/1962; repeat in 3 months", "DOB: [date]; repeat in 3 months", 1],
    ["SSN 555-44-4444 on file", "SSN [id] on file", 1],
    ["Reviewed by Dr. Anil Kumar", "Reviewed by [name]", 1],
    ["see https://example.org/p/1 from 10.0.0.7", "see [url] from [ip]", 2],
    ["Age 94, seen at Mercy General Hospital", "[age 90+], seen at [facility]", 2],
    ["Referred By: Dr. Priya Mehta Sample: Venous Blood", "Referred By: [name] Sample: Venous Blood", 1],
  ])("tags what it removes with its type: %j", (input, output, removed) => {
    expect(deidentifyText(input)).toEqual({ text: output, removed });
  });
});

describe("deidentifyText leaves lab wording alone", () => {
  it.each(NEGATIVE_CORPUS)("%j", (text) => {
    expect(deidentifyText(text)).toEqual({ text, removed: 0 });
  });

  it("leaves every catalogue name and alias unchanged", () => {
    const names = CATALOGUE.flatMap((definition) => [definition.name, ...definition.aliases, definition.patientName]);
    expect(names.filter((name) => deidentifyText(name).text !== name)).toEqual([]);
  });

  it("leaves lab values, collection dates and ranges alone", () => {
    const text = "Hemolysed sample; potassium 5.6 mmol/L (3.5 - 5.0) repeated on 01/15/2025 at 08:30. Ref 150000 - 400000 /uL.";
    expect(deidentifyText(text)).toEqual({ text, removed: 0 });
  });
});

describe("names the file declares", () => {
  const names = ["Johnathan Doe"];

  it.each([
    ["Glucose for Johnathan Doe", "Glucose for [name]"],
    ["DOE, JOHNATHAN called", "[name] called"],
    ["doe johnathan", "[name]"],
    ["J. Doe aware", "[name] aware"],
    ["Doe J aware", "[name] aware"],
    ["file Johnathan_Doe_labs", "file [name]_labs"],
    ["Johnathan aware", "[name] aware"],
    ["ask Doe", "ask [name]"],
  ])("removes %j in any case and order", (input, output) => {
    expect(deidentifyText(input, { names }).text).toBe(output);
  });

  it("keeps eponyms and initials alone: a patient called Jones leaves Bence Jones protein", () => {
    const clean = createDeidentifier({ names: ["JONES", "William A Jones"] });
    expect(clean.text("Bence Jones Protein, Urine; Vitamin D; J D")).toBe("Bence Jones Protein, Urine; Vitamin D; J D");
    expect(clean.text("W. Jones notified")).toBe("[name] notified");
  });

  it("reads HL7 v2 PID-5, PID-6 and NK1-2", () => {
    const hl7 = "MSH|^~\\&|LAB|FAC|||20250101||ORU^R01|1|P|2.5.1\rPID|1||88812345^^^FAC^MR||DOE^JOHNATHAN^Q||19610304|M\rNK1|1|ROE^JANE|SPO\rPID|2||x||~SMITH^ANN|MAIDEN\r";
    expect(declaredNames(hl7)).toEqual(["DOE JOHNATHAN Q", "ROE JANE", "SMITH ANN", "MAIDEN"]);
  });

  it("reads FHIR Patient names, contacts and references' display, not Organizations", () => {
    const bundle = {
      resourceType: "Bundle",
      entry: [
        { resource: { resourceType: "Patient", name: [{ family: "Doe", given: ["Johnathan", "Q"] }], contact: [{ name: { text: "Jane Roe" } }] } },
        { resource: { resourceType: "Organization", name: "Mercy General Hospital" } },
        { resource: { resourceType: "Observation", subject: { reference: "Patient/1", display: "J. Doe" } } },
      ],
    };
    expect(declaredNames(JSON.stringify(bundle))).toEqual(["Johnathan Q Doe", "Jane Roe", "J. Doe"]);
  });

  it("reads labelled lines of CSV and printed reports, not header rows", () => {
    expect(declaredNames("Patient: Johnathan Doe   DOB: 03/04/1961\nTest,Result,Unit\nGlucose,99,mg/dL\n")).toEqual(["Johnathan Doe"]);
    expect(declaredNames('Patient Name,"Doe, Johnathan",MRN,88812345\nTest,Result\n')).toEqual(["Doe, Johnathan"]);
    expect(declaredNames("Patient,Test,Result,Unit\nx,Glucose,99,mg/dL\n")).toEqual([]);
  });

  it("reads a printed report's text layer: the sample PDF's patient, and its header loses every identifier", async () => {
    const bytes = new Uint8Array(await readFile(path.join(SAMPLES, "sample_lab_report.pdf")));
    const names = await declaredNamesInFile(bytes);
    expect(names).toEqual(["Rahul Sharma"]);
    const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
    const clean = deidentifyText(text, { names }).text;
    for (const identifier of ["City General Hospital", "Rahul", "Sharma", "CGH-2026-04521", "Priya", "Mehta"]) expect(stillThere(clean, identifier), identifier).toBe(false);
    for (const line of ["Hemoglobin 8.9 g/dL 13.0 - 17.0 LOW", "Glucose (Fasting) 185 mg/dL 70 - 100 HIGH", "Age/Sex: 45 / Male", "Date: March 10, 2026"]) expect(clean).toContain(line);
  });

  it("reads a partner's patient context", () => {
    expect(declaredNamesInContext({ name: "Jane Roe", age: "45" })).toEqual(["Jane Roe"]);
    expect(declaredNamesInContext({ firstName: "Jane", lastName: "Roe" })).toEqual(["Jane", "Roe"]);
    expect(declaredNamesInContext(null)).toEqual([]);
  });

  it("never changes an analyte of the sample files with the names they declare", async () => {
    const { extractLab } = await import("./index");
    for (const file of (await readdir(SAMPLES)).filter((name) => !/\.(md|pdf)$/.test(name))) {
      const bytes = await readFile(path.join(SAMPLES, file));
      const clean = createDeidentifier({ names: declaredNames(bytes.toString("utf8")) });
      const { analytes } = await extractLab({ bytes: new Uint8Array(bytes) }).catch(() => ({ analytes: [] }));
      for (const analyte of analytes) {
        expect(clean.analyteName(analyte.name), file).toBe(analyte.name);
        expect(clean.text(analyte.value), file).toBe(analyte.value);
      }
    }
  });
});

describe("analyte names", () => {
  it.each([
    ["Glucose (Johnathan Doe)", "Glucose"],
    ["Potassium - pt jane roe", "Potassium"],
    ["Creatinine [chart Q7788]", "Creatinine"],
    ["Sodium for DOB 03/04/1961", "Sodium"],
    ["Johnathan Doe", "[name]"],
  ])("%j keeps the analyte and loses the identifier: %j", (name, expected) => {
    expect(createDeidentifier().analyteName(name)).toBe(expected);
  });

  it("still finds the catalogue entry once the name is gone", () => {
    expect(identify(createDeidentifier().analyteName("Glucose (Johnathan Doe)"))?.code).toBe("glucose");
    expect(identify(createDeidentifier({ names: ["Johnathan Doe"] }).analyteName("HbA1c DOE"))?.code).toBe(identify("HbA1c")?.code);
  });
});

describe("deidentify", () => {
  const analyte = (over: object) => ({ name: "x", value: "1", parsed: { valueNumber: 1 }, ...over });

  it("cleans names, text values, ranges, flags, notes, skipped entries and warnings, counting once per identifier", () => {
    const { result, removed } = deidentify({
      format: "json",
      analytes: [
        analyte({ notes: "Called patient at 555-123-4567" }),
        analyte({ value: "Specimen of Mr. John Smith clotted", parsed: { valueText: "Specimen of Mr. John Smith clotted" } }),
        analyte({ name: "Glucose (Johnathan Doe)", referenceRange: "70-99 per Mercy General Hospital", flag: "H - chart Q7788" }),
      ],
      skipped: [{ reason: 'no value for "Sodium (Johnathan Doe)"', where: "row 4" }],
      warnings: [],
    });
    expect(removed).toBe(6);
    expect(result.analytes[0].notes).toBe("Called patient at [phone]");
    expect(result.analytes[1].value).toBe("Specimen of [name] clotted");
    expect(result.analytes[2]).toMatchObject({ name: "Glucose", referenceRange: "70-99 per [facility]", flag: "H - chart [id]" });
    expect(result.skipped[0].reason).toBe('no value for "Sodium ([name])"');
    expect(result.analytes[0].parsed.valueNumber).toBe(1);
  });

  it("removes the names it is told the source declares", () => {
    const { result } = deidentify({ format: "csv", analytes: [analyte({ notes: "for DOE" })], skipped: [], warnings: [] }, { names: ["Johnathan Doe"] });
    expect(result.analytes[0].notes).toBe("for [name]");
  });
});

describe("extraction removes declared names before anything is stored", () => {
  it("strips the name a file declares from every row it returns, so no step ever stores it", async () => {
    const { extractLab } = await import("./index");
    const hl7 = [
      "MSH|^~\\&|LAB|FAC|EHR|FAC|20240101000000||ORU^R01|1|P|2.5.1",
      "PID|1||123^^^MRN||DOE^JOHNATHAN||19610304|M",
      "OBR|1|||GLU^Glucose",
      "OBX|1|NM|2345-7^Glucose^LN||99|mg/dL|70-99|N|||F",
      "NTE|1||Johnathan aware of fasting",
      "OBX|2|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||F",
      "NTE|1||seen by Doe J",
    ].join("\r");
    const result = await extractLab({ bytes: new TextEncoder().encode(hl7), contentType: "application/hl7-v2" });
    expect(result.analytes.map((a) => a.name)).toEqual(["Glucose", "Sodium"]);
    expect(JSON.stringify(result)).not.toMatch(/johnathan|\bdoe\b/i);
  });

  it("strips the names the partner declares in the patient context from submitted items", async () => {
    const { extractItems } = await import("./index");
    const result = extractItems([{ name: "Potassium", value: "4.1", notes: "Priya Raman repeated the draw" }], declaredNamesInContext({ name: "Priya Raman" }));
    expect(JSON.stringify(result)).not.toMatch(/priya|raman/i);
  });
});
