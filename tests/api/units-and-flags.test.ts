/**
 * Issue 13, units and flags, through the real upload route and pipeline: values in the units a report prints
 * (IFCC HbA1c, SI chemistry, counts beside percentages, an ACR per mmol, a unit no one can read), a malformed
 * range and a lab's critical flag, as the member API, the patient text and the clinician text show them.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labDetailResponse } from "@/lib/labs";
import { call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

async function upload(csv: string) {
  const member = await createMember((await createTenant()).apiKey);
  const { fileUrl } = await uploadFile(member.token, csv, "text/csv", "report.csv");
  const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(res.status).toBe(202);
  const labId = res.json.data.lab_result_id as string;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lab = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    if (["ready", "failed"].includes(lab.json.data.status)) return labDetailResponse.parse(lab.json).data;
    if (Date.now() > deadline) throw new Error(`lab ${labId} still ${lab.json.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const CSV = [
  "Test,Result,Unit,Reference Range,Flag",
  "HbA1c,53,mmol/mol,20-42,",
  "Glucose,7.8,mmol/l,3.9-5.5,H",
  "Neutrophils,4.1,x10*9/L,2.0-7.5,",
  "Neutrophils,60,%,40-75,",
  "Albumin/Creatinine Ratio,4.2,mg/mmol,0-3,H",
  "Potassium,6.6,mmol/L,3.5-5.1,HH",
  "Sodium,139,mmol/L,145-135,",
  "Ferritin,7.5,widgets,,H",
].join("\n");

describe("units and flags through the pipeline", () => {
  // One report, read once: each test looks at a different part of what it became.
  let report: ReturnType<typeof upload> | undefined;
  const read = () => (report ??= upload(CSV));

  it("keeps a count and a percentage of one cell line apart, and reads each against its own range", async () => {
    const lab = await read();
    expect(lab.status).toBe("ready");
    const neutrophils = lab.analytes.filter((a) => a.name === "Neutrophils");
    expect(neutrophils.map((a) => [a.value_number, a.unit, a.normalized_unit, a.flag])).toEqual([
      [4.1, "x10*9/L", "10*3/uL", "Normal"],
      [60, "%", "%", "Normal"],
    ]);
  });

  it("converts IFCC HbA1c and SI glucose, and both texts show the printed value with the converted one beside it", async () => {
    const lab = await read();
    const hba1c = lab.analytes.find((a) => a.name === "HbA1c")!;
    expect(hba1c.normalized_value).toBeCloseTo(7.0, 1);
    expect(hba1c.flag).toBe("High");
    for (const text of [lab.patient_response!, lab.clinician_response!]) {
      expect(text).toContain("53 mmol/mol (7%)");
      expect(text).toContain("7.8 mmol/L (141 mg/dL)");
    }
    // The master equation is cited in the clinician text.
    const citations = lab.citations as { clinician: Record<string, { url: string }> };
    expect(Object.values(citations.clinician).map((c) => c.url)).toContain("https://ngsp.org/ifcc.asp");
  });

  it("reports a malformed range as unusable and flags nothing against it", async () => {
    const lab = await read();
    const sodium = lab.analytes.find((a) => a.name === "Sodium")!;
    expect(sodium.flag).toBe("Indeterminate");
    expect(sodium.reference_range).toBe("145-135 (not usable: its low bound is above its high bound)");
    expect(lab.clinician_response).toContain("the lab's printed range is not usable (its low bound is above its high bound)");
    // What the lab printed is kept as received; only the bounds Labwise would have read from it are dropped.
    const rows = await db.analyte.findMany({ where: { labResultId: lab.lab_result_id, referenceSource: "unusable" } });
    expect(rows).toEqual([expect.objectContaining({ rawName: "Sodium", rawRange: "145-135", referenceLow: null, referenceHigh: null })]);
  });

  it("gives every critical value its number and unit in both texts", async () => {
    const lab = await read();
    expect(lab.analytes.find((a) => a.name === "Potassium")!.flag).toBe("Critical");
    expect(lab.patient_response).toMatch(/Potassium[^.]*6\.6 mmol\/L/);
    expect(lab.clinician_response).toContain("Potassium 6.6 mmol/L");
  });

  it("prints a value it could not convert as reported, never an empty value", async () => {
    const lab = await read();
    for (const text of [lab.patient_response!, lab.clinician_response!]) {
      expect(text).toContain("7.5 widgets");
      expect(text).not.toMatch(/result is\s*,|undefined|NaN|\bnull\b/);
    }
  });
});
