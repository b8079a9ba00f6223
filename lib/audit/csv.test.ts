import { describe, expect, it } from "vitest";
import { auditCsvFileName, csvCell, csvRecord } from "./csv";

describe("csvCell", () => {
  it("leaves plain text, numbers and ids as they are", () => {
    expect(csvCell("admin@example.test")).toBe("admin@example.test");
    expect(csvCell("lab_result")).toBe("lab_result");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
    expect(csvCell("2026-11-28T10:00:00.000Z")).toBe("2026-11-28T10:00:00.000Z");
  });

  it("writes nothing for a missing value", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", `"'=HYPERLINK(""http://evil"")"`],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
  ])("makes %j text a spreadsheet will not evaluate", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("only looks at the first character: a formula sign later in the cell is harmless", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("key-1")).toBe("key-1");
  });

  it("quotes commas, quotes and line breaks per RFC 4180, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell('{"name":"x","scopes":["read","write"]}')).toBe('"{""name"":""x"",""scopes"":[""read"",""write""]}"');
  });

  it("escapes a formula hidden behind a comma in a quoted cell", () => {
    expect(csvCell("=cmd|' /C calc'!A0,x")).toBe(`"'=cmd|' /C calc'!A0,x"`);
  });
});

describe("csvRecord", () => {
  it("joins cells with commas and ends the record with CRLF", () => {
    expect(csvRecord(["a", null, "b,c", "-1"])).toBe(`a,,"b,c",'-1\r\n`);
  });
});

describe("auditCsvFileName", () => {
  it("names the file after the UTC day", () => {
    expect(auditCsvFileName(new Date("2026-11-28T23:30:00Z"))).toBe("labwise-audit-2026-11-28.csv");
  });
});
