import { describe, expect, it } from "vitest";
import { contentTypeOf, refusalReason } from "./upload-files";

describe("contentTypeOf", () => {
  it("keeps a type Labwise takes and infers the rest from the extension", () => {
    expect(contentTypeOf({ name: "a.pdf", type: "application/pdf" })).toBe("application/pdf");
    expect(contentTypeOf({ name: "ORU.hl7", type: "" })).toBe("application/hl7-v2");
    expect(contentTypeOf({ name: "bundle.JSON", type: "" })).toBe("application/json");
    expect(contentTypeOf({ name: "export.csv", type: "application/vnd.ms-excel" })).toBe("text/csv");
  });

  it("has no type for a file Labwise does not read", () => {
    expect(contentTypeOf({ name: "archive.zip", type: "application/zip" })).toBeNull();
    expect(contentTypeOf({ name: "noextension", type: "" })).toBeNull();
  });
});

describe("refusalReason", () => {
  it("says why, with the limit", () => {
    expect(refusalReason("file-too-large", { size: 30 * 1024 * 1024 })).toBe("The file is 30.0 MB; files are limited to 25 MB.");
    expect(refusalReason("file-too-small", { size: 0 })).toBe("The file is empty.");
    expect(refusalReason("file-invalid-type", { size: 10 })).toMatch(/cannot read this type/);
  });
});
