import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { buildPanel } from "../panel";
import { measured } from "../test-support";
import { clinicianNarrative } from "./clinician";

describe("the clinician's text and the lab's result status", () => {
  const patient = { sex: "male" as const, age: 60 };
  const render = (statuses: Record<string, "preliminary" | "corrected">) => {
    const panel = buildPanel(
      [
        { name: "Potassium", value: 4.2, unit: "mmol/L", range: { low: 3.5, high: 5.1 } },
        { name: "Sodium", value: 139, unit: "mmol/L", range: { low: 135, high: 145 } },
        { name: "Glucose", value: 92, unit: "mg/dL", range: { low: 70, high: 99 } },
      ].map((input) => ({ ...measured(input, patient), ...(statuses[input.name] ? { resultStatus: statuses[input.name] } : {}) })),
    );
    return clinicianNarrative(interpret(panel, patient), panel).markdown;
  };

  it("names the preliminary and the corrected results in one line", () => {
    expect(render({ Potassium: "corrected", Glucose: "preliminary" })).toContain("**Result status:** preliminary (may change): Glucose; corrected by the lab: Potassium.");
  });

  it("names the results the lab cancelled, with its reason, once", () => {
    const panel = buildPanel([measured({ name: "Sodium", value: 139, unit: "mmol/L", range: { low: 135, high: 145 } }, patient)]);
    const markdown = clinicianNarrative(interpret(panel, patient), panel, { cancelled: ["Potassium — cancelled by the lab: Test cancelled: specimen hemolyzed."] }).markdown;
    expect(markdown).toContain("**Not reported:** Potassium — cancelled by the lab: Test cancelled: specimen hemolyzed.\n");
    expect(clinicianNarrative(interpret(panel, patient), panel).markdown).not.toContain("Not reported");
  });

  it("lists what could not be read from the file, five by name and the rest counted", () => {
    const panel = buildPanel([measured({ name: "Sodium", value: 139, unit: "mmol/L", range: { low: 135, high: 145 } }, patient)]);
    const unread = Array.from({ length: 7 }, (_, i) => ({ reason: `Test ${i + 1} has no value`, where: `OBX ${i + 1}` }));
    const markdown = clinicianNarrative(interpret(panel, patient), panel, { unread }).markdown;
    expect(markdown).toContain("**Not read from the file:** Test 1 has no value (OBX 1); Test 2 has no value (OBX 2); Test 3 has no value (OBX 3); Test 4 has no value (OBX 4); Test 5 has no value (OBX 5); and 2 more. Check these against the original report.");
  });

  it("says nothing about status when every result is final", () => {
    expect(render({})).not.toContain("Result status");
  });
});
