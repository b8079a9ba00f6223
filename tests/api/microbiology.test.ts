/**
 * A microbiology report through the whole pipeline by the member upload API: a file of cultures and
 * susceptibilities alone comes out `ready` (not "no lab values found"), nothing of it is read as chemistry,
 * the cultures are stored on `lab_results.microbiology`, and both texts carry a Microbiology section.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labDetailResponse } from "@/lib/labs";
import { readMicrobiology } from "@/lib/labs/codecs";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { microbiologySample } from "../fixtures/microbiology";

async function processed(name: string, contentType: string) {
  const member = await createMember((await createTenant()).apiKey);
  const { fileUrl } = await uploadFile(member.token, Buffer.from(microbiologySample(name)), contentType, name);
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(registered.status, registered.text).toBe(202);
  const labId = registered.json.data.lab_result_id as string;
  const lab = await eventually(async () => {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    expect(["ready", "failed"]).toContain(res.json.data.status);
    return labDetailResponse.parse(res.json).data;
  }, 60_000, 100);
  const row = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { microbiology: true, fhirBundle: true } });
  return { lab, microbiology: readMicrobiology(row.microbiology, labId), row };
}

describe("a microbiology report through the member upload API", () => {
  it("is ready with its culture stored and no chemistry analytes (NIST ELR Shigella, HL7 v2)", async () => {
    const { lab, microbiology, row } = await processed("NIST-ELR-004-shigella-susceptibility.hl7", "application/hl7-v2");
    expect(lab.status, lab.failure_reason ?? "").toBe("ready");
    expect(lab.analytes).toEqual([]);
    expect(row.fhirBundle).not.toBeNull();
    expect(microbiology).toEqual([
      expect.objectContaining({
        organism: "Shigella flexneri",
        specimen: "Stool specimen",
        susceptibilities: [
          { antibiotic: "Amoxicillin+Clavulanate", mic: "16", interpretation: "I", method: "MIC" },
          { antibiotic: "Trimethoprim+Sulfamethoxazole", mic: "8/152", interpretation: "R", method: "MIC" },
          { antibiotic: "Ciprofloxacin", mic: "<=0.06", interpretation: "S", method: "MIC" },
        ],
      }),
    ]);
  });

  it("shows the culture in both texts: a table for the clinician, plain words for the patient (FHIR R4 micro example)", async () => {
    const { lab } = await processed("diagnosticreport-micro1.json", "application/fhir+json");
    expect(lab.status, lab.failure_reason ?? "").toBe("ready");
    expect(lab.analytes).toEqual([]);
    const clinician = lab.clinician_response ?? "";
    const patient = lab.patient_response ?? "";
    expect(clinician).toContain("## Microbiology");
    expect(clinician).toContain("| Erythromycin | \\>=8 | Resistant | MIC |");
    expect(clinician).toContain("| Cefazolin | \\<=2 | Susceptible | MIC |");
    expect(patient).toContain("## Germ culture (microbiology)");
    expect(patient).toMatch(/Staphylococcus aureus/);
    expect(patient).toMatch(/clinician will decide/i);
    expect(patient).not.toMatch(/\b(take|stop|start|switch|use)\b[^.]*\b(antibiotic|medicine|medication|tablets?)\b/i);
    expect(`${clinician}\n${patient}`).not.toMatch(/undefined|NaN|\[object Object\]|no lab values/i);
  });
});
