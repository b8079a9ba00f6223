/**
 * What a file says beyond its values, through the whole pipeline: the conditions and medicines of a FHIR
 * Bundle reach the patient context the rules read, the lab's result status reaches every surface, and a
 * file about several people fails saying so.
 */
import { describe, expect, it } from "vitest";
import { hasCondition, patientFacts, takes } from "@/lib/clinical/patient";
import { db } from "@/lib/db";
import { labDetailResponse } from "@/lib/labs";
import { readPatientContext } from "@/lib/labs/codecs/patient-context";
import { call } from "../support/app";
import { createMember, createPortalUser, createTenant, uploadFile } from "../support/fixtures";

async function process(content: string, contentType: string, filename: string) {
  const tenant = await createTenant();
  const member = await createMember(tenant.apiKey);
  const { fileUrl } = await uploadFile(member.token, content, contentType, filename);
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  const labId = registered.json.data.lab_result_id as string;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    if (["ready", "failed"].includes(res.json.data.status)) return { member, labId, organizationId: tenant.organizationId, lab: labDetailResponse.parse(res.json).data };
    if (Date.now() > deadline) throw new Error(`${filename} still ${res.json.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const lab = (code: string, display: string, value: number, unit: string) => ({
  resourceType: "Observation",
  status: "final",
  category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
  code: { coding: [{ system: "http://loinc.org", code, display }] },
  subject: { reference: "urn:uuid:patient-1" },
  effectiveDateTime: "2025-02-01T08:00:00Z",
  valueQuantity: { value, unit },
});

const DIABETIC_ON_INSULIN = {
  resourceType: "Bundle",
  type: "collection",
  entry: [
    { fullUrl: "urn:uuid:patient-1", resource: { resourceType: "Patient", gender: "female", birthDate: "1968-04-02", name: [{ family: "Mbeki", given: ["Thandi"] }] } },
    { resource: lab("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", 7.2, "%") },
    { resource: lab("1558-6", "Fasting glucose [Mass/volume] in Serum or Plasma", 142, "mg/dL") },
    {
      resource: {
        resourceType: "Condition",
        clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
        code: { coding: [{ system: "http://snomed.info/sct", code: "44054006", display: "Diabetes mellitus type 2" }] },
        subject: { reference: "urn:uuid:patient-1" },
      },
    },
    {
      resource: {
        resourceType: "Condition",
        clinicalStatus: { coding: [{ code: "resolved" }] },
        code: { text: "Acute bronchitis" },
        subject: { reference: "urn:uuid:patient-1" },
      },
    },
    {
      resource: {
        resourceType: "MedicationRequest",
        status: "active",
        intent: "order",
        medicationCodeableConcept: { coding: [{ system: "http://www.nlm.nih.gov/research/umls/rxnorm", code: "311041", display: "Insulin glargine 100 UNT/ML Injectable Solution" }] },
        subject: { reference: "urn:uuid:patient-1" },
      },
    },
  ],
};

describe("a FHIR Bundle's conditions and medicines", () => {
  it("reach the lab's patient context, so the rules know the member has diabetes treated with insulin", async () => {
    const { labId, lab: result } = await process(JSON.stringify(DIABETIC_ON_INSULIN), "application/fhir+json", "bundle.json");
    expect(result.status).toBe("ready");
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { patientContext: true } });
    const context = readPatientContext(stored.patientContext, labId);
    expect(context).toMatchObject({ age: "56", gender: "female", conditions: ["diabetes mellitus type 2"], medications: ["insulin glargine 100 unt/ml injectable solution"] });
    const facts = patientFacts(context);
    expect(hasCondition(facts, "diabetes")).toBe(true);
    expect(takes(facts, "insulin")).toBe(true);
    expect(JSON.stringify(context)).not.toMatch(/Thandi|Mbeki|bronchitis/i);
  });
});

describe("the lab's result status", () => {
  const message = [
    "MSH|^~\\&|LAB|FAC|EHR|FAC|20250115083000||ORU^R01|MSG1|P|2.5.1",
    "PID|1||MRN77^^^FAC^MR||Doe^Jane||19610615|F",
    "OBR|1|||24323-8^CMP^LN|||20250115080000",
    "OBX|1|NM|2823-3^Potassium^LN||4.2|mmol/L|3.5-5.1|N|||C",
    "NTE|1||Corrected: original specimen hemolyzed",
    "OBX|2|NM|2160-0^Creatinine^LN||1.1|mg/dL|0.6-1.2|N|||P",
    "OBX|3|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||F",
    "OBX|4|NM|2345-7^Glucose^LN||||||||X",
    "NTE|1||Test cancelled: specimen received unlabeled",
  ].join("\r");

  it("is stored, shown in the portal, served in the member API and the FHIR Bundle, and a cancelled test is skipped with the lab's reason", async () => {
    const { member, labId, organizationId, lab: result } = await process(message, "application/hl7-v2", "oru.hl7");
    expect(result.status).toBe("ready");
    const rows = await db.analyte.findMany({ where: { labResultId: labId, derived: false }, orderBy: { position: "asc" }, select: { rawName: true, resultStatus: true } });
    expect(rows).toEqual([
      { rawName: "Potassium", resultStatus: "corrected" },
      { rawName: "Creatinine", resultStatus: "preliminary" },
      { rawName: "Sodium", resultStatus: null },
    ]);
    expect(result.analytes.filter((a) => !a.derived).map((a) => [a.name, a.result_status])).toEqual([
      ["Potassium", "corrected"],
      ["Creatinine", "preliminary"],
      ["Sodium", null],
    ]);
    expect(result.clinician_response).toContain("**Result status:** preliminary (may change): Creatinine; corrected by the lab: Potassium.");
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { skipped: true } });
    expect(JSON.stringify(stored.skipped)).toContain("Glucose — cancelled by the lab: Test cancelled: specimen received unlabeled");
    expect(result.clinician_response).toContain("**Not reported:** Glucose — cancelled by the lab: Test cancelled: specimen received unlabeled.");

    const { cookie } = await createPortalUser(organizationId);
    const portal = await call("GET", `/api/portal/labs/${labId}`, { cookie });
    const shown = (portal.json.data.analyteGroups as { analytes: { rawName: string; resultStatus: string | null }[] }[]).flatMap((group) => group.analytes);
    expect(Object.fromEntries(shown.map((a) => [a.rawName, a.resultStatus]))).toMatchObject({ Potassium: "corrected", Creatinine: "preliminary", Sodium: null });

    const fhir = await call("GET", `/v1/users/${member.userId}/labs/${labId}/fhir`, { token: member.token });
    expect(fhir.status).toBe(200);
    const resources = (fhir.json.entry as { resource: { resourceType: string; status: string; code: { coding: { code: string }[] } } }[]).map((e) => e.resource);
    expect(resources.find((r) => r.resourceType === "DiagnosticReport")?.status).toBe("preliminary");
    const statusOf = (loinc: string) => resources.find((r) => r.resourceType === "Observation" && r.code.coding.some((c) => c.code === loinc))?.status;
    expect([statusOf("2823-3"), statusOf("2160-0"), statusOf("2951-2")]).toEqual(["corrected", "preliminary", "final"]);
  });
});

describe("a file about several people", () => {
  it("fails on the member surface, saying how many people it holds", async () => {
    const csv = ["Patient Name,Test Name,Result,Unit,Low,High", "Maria Lopez,Sodium,174,mmol/L,135,145", "John Carter,Sodium,119,mmol/L,135,145", "John Carter,Potassium,6.0,mmol/L,3.5,5.1"].join("\n");
    const { lab: result } = await process(csv, "text/csv", "export.csv");
    expect(result.status).toBe("failed");
    expect(result.failure_reason).toBe("this file holds results for 2 people; Labwise reads one person's results per file — split it and send each person's results on their own");
    expect(result.analytes).toEqual([]);
  });
});
