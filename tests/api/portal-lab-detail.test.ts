/**
 * The lab detail endpoints of the portal (GET /api/portal/labs/{id}, its FHIR Bundle and its original file),
 * called with a real Auth.js session cookie on labs the real pipeline has processed: what the detail page
 * shows, the two downloads, and what a session may not read.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalLabDetail } from "@/lib/portal/schemas";
import { appFetch, call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";
import { microbiologySample } from "../fixtures/microbiology";

const FIRST = "Test,Result,Unit,Reference Range\nSodium,140,mmol/L,135-145\nPotassium,4.5,mmol/L,3.5-5.1\nChloride,100,mmol/L,98-107\nBicarbonate,24,mmol/L,22-29\n";
const SECOND =
  "Test,Result,Unit,Reference Range,Flag\nSodium,128,mmol/L,135-145,L\nPotassium,6.8,mmol/L,3.5-5.1,HH\nChloride,100,mmol/L,98-107,\n" +
  "Bicarbonate,24,mmol/L,22-29,\nGlucose,250,mg/dL,70-99,H\nLDL Cholesterol,160,mg/dL,<100,H\nTSH,2.1,mIU/L,0.4-4.0,\n";

async function newPatient(cookie: string) {
  const res = await call("POST", "/api/portal/patients", { cookie, body: { name: "Ada Example", externalId: `mrn-${randomUUID()}` } });
  expect(res.status).toBe(201);
  return res.json.data as { id: string };
}

/** Upload through the portal's own flow (mint, PUT, register) and wait until the pipeline has finished. */
async function processedLab(cookie: string, patientId: string, content: string, fileName = "chem.csv", contentType = "text/csv") {
  const minted = await call("POST", "/api/portal/uploads", { cookie, body: { patientId, fileName, contentType, size: Buffer.byteLength(content) } });
  expect(minted.status, minted.text).toBe(201);
  const { uploadUrl, headers, uploadId } = minted.json.data;
  expect((await appFetch(uploadUrl, { method: "PUT", headers, body: content })).status).toBe(200);
  const registered = await call("POST", "/api/portal/labs", { cookie, body: { uploadId } });
  expect(registered.status, registered.text).toBe(202);
  return eventually(async () => {
    const res = await call("GET", `/api/portal/labs/${registered.json.data.id}`, { cookie });
    expect(res.status).toBe(200);
    expect(["ready", "failed"]).toContain(res.json.data.status);
    return res.json.data as PortalLabDetail;
  }, 30_000, 100);
}

/** A patient with two labs, the second with a critical potassium, and the clinician who reads them. */
async function patientWithTwoLabs() {
  const { organizationId } = await createTenant();
  const user = await createPortalUser(organizationId);
  const patient = await newPatient(user.cookie);
  await processedLab(user.cookie, patient.id, FIRST);
  const lab = await processedLab(user.cookie, patient.id, SECOND);
  return { organizationId, user, patient, lab };
}

const analyte = (lab: PortalLabDetail, name: string) => lab.analyteGroups.flatMap((g) => g.analytes).find((a) => a.rawName === name)!;

describe("the portal's lab detail", () => {
  it("shows a ready lab's header, steps, analytes by category with their range and flags, and the critical value first", async () => {
    const { lab, patient } = await patientWithTwoLabs();
    expect(lab).toMatchObject({ status: "ready", fileName: "chem.csv", format: "csv", hasFile: true, hasFhirBundle: true, patient: { id: patient.id, name: "Ada Example" } });
    expect(lab.steps.map((s) => s.label)).toEqual(["Ingest and validate", "De-identify", "Map to FHIR", "Store FHIR resources", "Run inference", "Write artifacts", "Dispatch webhooks"]);
    expect(lab.steps.every((s) => s.status === "succeeded" && s.durationMs !== null && s.durationMs >= 0)).toBe(true);

    expect(lab.analyteGroups.map((g) => g.category)).toEqual(["Electrolytes", "Metabolic", "Lipids", "Thyroid"]);
    expect(analyte(lab, "Sodium")).toMatchObject({
      value: "128",
      unit: "mmol/L",
      referenceRange: "135-145",
      flag: "Low",
      flagLabel: "Low",
      loinc: "2951-2",
      converted: null,
      range: { value: 128, low: 135, high: 145, position: "below", description: "128 mmol/L, below the range 135–145 mmol/L" },
    });
    expect(analyte(lab, "LDL Cholesterol").range).toMatchObject({ low: null, high: 100, position: "above", label: "up to 100 mg/dL" });
    expect(analyte(lab, "TSH")).toMatchObject({ flag: "Normal", converted: null, range: { position: "within" } });
    expect(lab.criticalValues.map((a) => [a.name, a.value, a.unit, a.flagLabel])).toEqual([["Potassium", "6.8", "mmol/L", "Critical high"]]);
  });

  it("marks a calculated value with its formula: the anion gap from sodium, chloride and bicarbonate", async () => {
    const { lab } = await patientWithTwoLabs();
    expect(analyte(lab, "Anion gap")).toMatchObject({ derived: true, formula: "Na − (Cl + HCO3)", value: "4", referenceSource: "catalogue", flag: "Low", range: { low: 7, high: 13, position: "below" } });
    expect(analyte(lab, "Sodium")).toMatchObject({ derived: false, formula: null });
  });

  it("lists findings most severe first, with guidance and sources, and both texts with their numbered citations", async () => {
    const { lab } = await patientWithTwoLabs();
    const order = ["critical", "high", "moderate", "borderline", "info"];
    const ranks = lab.findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(lab.findings[0]).toMatchObject({ id: "critical.potassium", severity: "critical" });
    const glucose = lab.findings.find((f) => f.id.startsWith("glycemia."))!;
    expect(glucose.guidance.length).toBeGreaterThan(0);
    expect(glucose.guidance[0].source).toMatchObject({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//) });

    for (const audience of ["patient", "clinician"] as const) {
      const text = audience === "patient" ? lab.patientText! : lab.clinicianText!;
      const cited = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
      expect(lab.citations[audience].map((c) => c.number)).toEqual([...cited].sort((a, b) => a - b));
    }
    expect(lab.citations.clinician[0]).toMatchObject({ number: 1, pmid: "2296127", doi: "10.1001/jama.263.5.704", url: "https://pubmed.ncbi.nlm.nih.gov/2296127/" });
  });

  it("shows the change since the patient's previous lab", async () => {
    const { lab } = await patientWithTwoLabs();
    expect(lab.trends.find((t) => t.code === "sodium")).toMatchObject({ previous: 140, current: 128, change: -12, direction: "down", previousAt: expect.any(String) });
    expect(lab.trends.find((t) => t.code === "potassium")).toMatchObject({ previous: 4.5, current: 6.8, direction: "up" });
  });

  it("records the read of a lab in the audit trail with the clinician as the actor", async () => {
    const { organizationId, user, lab } = await patientWithTwoLabs();
    const reads = await eventually(async () => {
      const rows = await db.auditEvent.findMany({ where: { organizationId, actorId: user.userId, action: "read", resourceType: "lab_result", resourceId: lab.id } });
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    expect(reads[0]).toMatchObject({ actorType: "portal_user" });
  });

  it("downloads the FHIR R4 Bundle: a DiagnosticReport and an Observation per analyte, calculated ones included", async () => {
    const { user, lab } = await patientWithTwoLabs();
    const res = await call("GET", `/api/portal/labs/${lab.id}/fhir`, { cookie: user.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="lab-${lab.id}.fhir.json"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const bundle = JSON.parse(res.text);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    const types = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types[0]).toBe("DiagnosticReport");
    // The Bundle is built from the final analytes: the values calculated in run_inference are in it.
    const analytes = lab.analyteGroups.flatMap((g) => g.analytes);
    expect(analytes.some((a) => a.derived)).toBe(true);
    expect(types.filter((t: string) => t === "Observation")).toHaveLength(analytes.length);
  });

  it("answers 409 with a clear message for the FHIR Bundle of a lab that has not been processed", async () => {
    const { organizationId } = await createTenant();
    const user = await createPortalUser(organizationId);
    const patient = await newPatient(user.cookie);
    const pending = await db.labResult.create({ data: { organizationId, memberId: patient.id, source: "submission", status: "pending" } });
    const res = await call("GET", `/api/portal/labs/${pending.id}/fhir`, { cookie: user.cookie });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/available once the lab is ready/);
    expect((await call("GET", `/api/portal/labs/${pending.id}`, { cookie: user.cookie })).json.data).toMatchObject({ status: "pending", hasFhirBundle: false, hasFile: false });
  });

  it("redirects to the original file, which holds the bytes uploaded; a lab without a file answers 404", async () => {
    const { organizationId, user, lab, patient } = await patientWithTwoLabs();
    const res = await call("GET", `/api/portal/labs/${lab.id}/file`, { cookie: user.cookie });
    expect(res.status).toBe(307);
    const file = await appFetch(res.headers.get("location")!);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(SECOND);

    const submitted = await db.labResult.create({ data: { organizationId, memberId: patient.id, source: "submission", status: "ready" } });
    const none = await call("GET", `/api/portal/labs/${submitted.id}/file`, { cookie: user.cookie });
    expect(none.status).toBe(404);
    expect(none.json.error.message).toMatch(/no original file/);
  });

  it("shows a culture report under Microbiology (organism, specimen, MIC as printed, the lab's category), none of it among the results", async () => {
    const { organizationId } = await createTenant();
    const user = await createPortalUser(organizationId);
    const patient = await newPatient(user.cookie);
    const hl7 = Buffer.from(microbiologySample("NIST-ELR-004-shigella-susceptibility.hl7")).toString("utf8");
    const lab = await processedLab(user.cookie, patient.id, hl7, "culture.hl7", "application/hl7-v2");
    expect(lab).toMatchObject({ status: "ready", analyteCount: 0, analyteGroups: [], criticalValues: [] });
    expect(lab.microbiology).toEqual([
      {
        test: "Bacteria identified in Stool by Culture",
        loinc: "625-4",
        specimen: "Stool specimen",
        organism: "Shigella flexneri",
        finding: null,
        quantity: null,
        observedAt: "2011-05-28",
        resultStatus: null,
        susceptibilities: [
          { antibiotic: "Amoxicillin+Clavulanate", mic: "16", interpretation: "I", method: "MIC" },
          { antibiotic: "Trimethoprim+Sulfamethoxazole", mic: "8/152", interpretation: "R", method: "MIC" },
          { antibiotic: "Ciprofloxacin", mic: "<=0.06", interpretation: "S", method: "MIC" },
        ],
        notes: null,
      },
    ]);
    expect(lab.clinicianText).toContain("## Microbiology");
  });

  it("shows a failed lab with its reason and the step that failed", async () => {
    const { organizationId } = await createTenant();
    const user = await createPortalUser(organizationId);
    const patient = await newPatient(user.cookie);
    const lab = await processedLab(user.cookie, patient.id, "this file holds no lab values at all\n", "notes.txt", "text/plain");
    expect(lab.status).toBe("failed");
    expect(lab.failureReason).toMatch(/not a lab report/);
    expect(lab.steps[0]).toMatchObject({ type: "ingest_validate", status: "failed" });
    expect(lab.analyteGroups).toEqual([]);
  });

  it("answers 404 for another organisation's lab on every route, 401 without a session and 400 for an id that is not a uuid", async () => {
    const { user, lab } = await patientWithTwoLabs();
    const other = await createTenant();
    const stranger = await createPortalUser(other.organizationId);
    for (const path of [`/api/portal/labs/${lab.id}`, `/api/portal/labs/${lab.id}/fhir`, `/api/portal/labs/${lab.id}/file`]) {
      const foreign = await call("GET", path, { cookie: stranger.cookie });
      expect(foreign.status, path).toBe(404);
      expect(foreign.json.error.code).toBe("NOT_FOUND");
      expect(foreign.text).not.toContain("Ada Example");
      expect((await call("GET", path)).status, path).toBe(401);
      expect((await call("GET", path.replace(lab.id, "not-a-uuid"), { cookie: user.cookie })).status, path).toBe(400);
      expect((await call("GET", path.replace(lab.id, randomUUID()), { cookie: user.cookie })).status, path).toBe(404);
    }
    expect(await db.auditEvent.count({ where: { actorId: stranger.userId } })).toBe(0);
  });
});
