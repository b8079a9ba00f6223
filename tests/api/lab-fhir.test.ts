/**
 * GET /v1/users/{user_id}/labs/{lab_result_id}/fhir on a lab the real pipeline has processed: a Bundle every
 * resource of which the FHIR validator accepts, an Observation per stored analyte (calculated ones too),
 * LOINC for known analytes, UCUM units, ranges and interpretation codes as the lab flagged them, and no
 * identifier of the person; who may read it, and what a lab that is not ready answers.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labFhirBundleSchema } from "@/lib/labs/fhir";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { bundleIssues } from "../support/fhir/validate";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

const CSV = [
  "Test,Result,Unit,Reference Range,Flag,Notes",
  "Glucose,132,mg/dL,70-99,H,fasting per Johnathan Doe",
  "Potassium,6.9,mmol/L,3.5-5.1,HH,",
  "Sodium,140,mmol/L,135-145,,MRN88812345",
  "Chloride,100,mmol/L,98-107,,",
  "Bicarbonate,24,mmol/L,22-29,,",
  "CRP,<0.5,mg/L,<3.0,,",
  "Urine Protein,Negative,,Negative,,",
].join("\n");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR JSON as a receiver reads it; the validator and the expectations check it
type Resource = Record<string, any> & { resourceType: string; id: string };

async function readyLab() {
  const tenant = await createTenant();
  const externalId = `mrn-88812345-${randomUUID()}`;
  const member = await createMember(tenant.apiKey, externalId);
  const { fileUrl } = await uploadFile(member.token, CSV, "text/csv", "Johnathan_Doe_MRN88812345.csv");
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(registered.status, registered.text).toBe(202);
  const labId = registered.json.data.lab_result_id as string;
  await eventually(async () => {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    expect(res.json.data.status).toBe("ready");
  }, 30_000, 100);
  return { tenant, member, externalId, labId };
}

const fhirPath = (userId: string, labId: string) => `/v1/users/${userId}/labs/${labId}/fhir`;

describe("a lab as FHIR R4", () => {
  it("is a valid Bundle: a final report, the Patient, and one Observation per stored analyte, calculated ones included", async () => {
    const { member, labId } = await readyLab();
    const res = await call("GET", fhirPath(member.userId, labId), { token: member.token });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const bundle = JSON.parse(res.text);
    expect(bundleIssues(bundle)).toEqual([]);
    expect(labFhirBundleSchema.safeParse(bundle).error).toBeUndefined();

    const resources = bundle.entry.map((e: { resource: Resource }) => e.resource) as Resource[];
    const analytes = await db.analyte.findMany({ where: { labResultId: labId }, orderBy: { position: "asc" } });
    const observations = resources.filter((r) => r.resourceType === "Observation");
    expect(observations.map((o) => o.id)).toEqual(analytes.map((a) => a.id));
    expect(analytes.some((a) => a.derived)).toBe(true);
    expect(resources[0]).toMatchObject({ resourceType: "DiagnosticReport", id: labId, status: "final", result: analytes.map((a) => ({ reference: `urn:uuid:${a.id}` })) });
    expect(resources[0].conclusion).toMatch(/Potassium/);
  });

  it("codes known analytes with LOINC and UCUM, with their ranges and the lab's flags as interpretation codes", async () => {
    const { member, labId } = await readyLab();
    const bundle = JSON.parse((await call("GET", fhirPath(member.userId, labId), { token: member.token })).text);
    const observations = bundle.entry.map((e: { resource: Resource }) => e.resource).filter((r: Resource) => r.resourceType === "Observation") as Resource[];
    const labwise = (o: Resource) => o.code.coding.find((c: { system: string }) => c.system !== "http://loinc.org").code;
    const byName = (code: string) => observations.find((o) => labwise(o) === code)!;
    const loinc = (o: Resource) => o.code.coding.find((c: { system: string }) => c.system === "http://loinc.org")?.code;
    const interpretation = (o: Resource) => o.interpretation?.[0].coding[0].code;

    const glucose = byName("glucose");
    expect(loinc(glucose)).toBe("2345-7");
    expect(glucose.valueQuantity).toEqual({ value: 132, unit: "mg/dL", system: "http://unitsofmeasure.org", code: "mg/dL" });
    expect(glucose.referenceRange[0]).toMatchObject({ low: { value: 70, code: "mg/dL" }, high: { value: 99, code: "mg/dL" } });
    expect(interpretation(glucose)).toBe("H");

    const potassium = byName("potassium");
    expect(loinc(potassium)).toMatch(/^(2823-3|6298-4)$/);
    expect(interpretation(potassium)).toBe("HH");
    expect(interpretation(byName("sodium"))).toBe("N");

    expect(byName("crp").valueQuantity).toMatchObject({ value: 0.5, comparator: "<", system: "http://unitsofmeasure.org" });
    expect(byName("urine-protein").valueString).toBe("Negative");

    const anionGap = byName("anion-gap");
    expect(anionGap.derivedFrom).toHaveLength(3);
    expect(anionGap.method.text).toMatch(/^Calculated by Labwise: /);
  });

  it("names no one: neither the member's external id nor the name and record number in the file", async () => {
    const { member, externalId, labId } = await readyLab();
    const text = (await call("GET", fhirPath(member.userId, labId), { token: member.token })).text;
    for (const identifier of [externalId, member.userId, "Johnathan", "Doe", "88812345"]) expect(text).not.toContain(identifier);
    const patient = JSON.parse(text).entry.find((e: { resource: Resource }) => e.resource.resourceType === "Patient").resource;
    expect(Object.keys(patient).sort()).toEqual(["id", "meta", "resourceType"]);
  });

  it("is served to its member only: 403 for another member's token on the path, 404 for another member's or tenant's lab", async () => {
    const { tenant, member, labId } = await readyLab();
    const sibling = await createMember(tenant.apiKey);
    const stranger = await createMember((await createTenant()).apiKey);
    const asSibling = await call("GET", fhirPath(member.userId, labId), { token: sibling.token });
    expect(asSibling.status).toBe(403);
    expect((await call("GET", fhirPath(sibling.userId, labId), { token: sibling.token })).json).toEqual({ detail: "Lab result not found" });
    expect((await call("GET", fhirPath(stranger.userId, labId), { token: stranger.token })).status).toBe(404);
    expect((await call("GET", fhirPath(member.userId, labId), {})).status).toBe(401);
  });

  it("answers 409 with what to do while the lab is not ready", async () => {
    const tenant = await createTenant();
    const member = await createMember(tenant.apiKey);
    const { organizationId } = await db.member.findUniqueOrThrow({ where: { id: member.userId }, select: { organizationId: true } });
    const pending = await db.labResult.create({ data: { organizationId, memberId: member.userId, source: "upload", status: "processing" } });
    const res = await call("GET", fhirPath(member.userId, pending.id), { token: member.token });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/available once the lab is ready/);
  });

  it("records the read in the audit trail", async () => {
    const { member, labId } = await readyLab();
    await call("GET", fhirPath(member.userId, labId), { token: member.token });
    await eventually(async () => {
      expect(await db.auditEvent.count({ where: { action: "read", resourceType: "lab_result", resourceId: labId, actorId: member.userId } })).toBeGreaterThan(0);
    });
  });
});
