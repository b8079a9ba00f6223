import { describe, expect, it } from "vitest";
import type { TableRow } from "./lab-rows";
import { checkOcrRows, repairedUnit } from "./ocr-checks";

const row = (name: string, value: string, unit: string, referenceRange: string): TableRow => ({ name, value, unit, referenceRange, where: "page 1, line 4", page: 1, confidence: 90 });

describe("OCR units", () => {
  it("reads a slash OCR took for a lookalike letter as the slash", () => {
    expect(repairedUnit("JuL")).toBe("/uL");
    expect(repairedUnit("|uL")).toBe("/uL");
    expect(repairedUnit("mgIdL")).toBe("mg/dL");
    expect(repairedUnit("mEqJL")).toBe("mEq/L");
  });

  it("keeps a unit that is already one, and repairs nothing that no single slash would make a unit", () => {
    expect(repairedUnit("mg/dL")).toBe("mg/dL");
    expect(repairedUnit("mIU/L")).toBe("mIU/L");
    expect(repairedUnit("Jxq")).toBeUndefined();
    expect(repairedUnit("mgdL")).toBeUndefined();
  });

  it("keeps the repaired unit on the row and says it was read that way; drops a unit it cannot repair", () => {
    const checked = checkOcrRows([row("WBC Count", "12500", "JuL", "4000 - 11000"), row("Sodium", "138", "mEqxL", "136 - 145")]);
    expect(checked.rows.map((kept) => [kept.name, kept.unit])).toEqual([
      ["WBC Count", "/uL"],
      ["Sodium", undefined],
    ]);
    expect(checked.warnings).toEqual([
      'page 1, line 4: OCR read the unit of WBC Count as "JuL"; it was taken as "/uL" — check it on the original',
      'page 1, line 4: OCR read the unit of Sodium as "mEqxL", which is not a unit Labwise knows; it was left out — check it on the original',
    ]);
  });
});
