/**
 * A patient's page endpoint, called with a real Auth.js session cookie over labs that went through the real
 * upload flow and pipeline: one series per analyte in time order with flags and ranges, audited; and what a
 * session may not read (another organisation's patient, no session, a malformed id).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalAnalyteSeries } from "@/lib/portal/schemas";
import { appFetch, call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";

const HEADER = "Test,Result,Unit,Reference Range,Date\n";
const MARCH = `${HEADER}Sodium,128,mmol/L,135-145,2026-03-10\nPotassium,5.6,mmol/L,3.5-5.1,2026-03-10\n`;
const JANUARY = `${HEADER}Sodium,138,mmol/L,135-145,2026-01-10\nPotassium,4.1,mmol/L,3.5-5.1,2026-01-10\n`;
const FEBRUARY = `${HEADER}Sodium,139,mmol/L,136-146,2026-02-10\nGlucose,5.1,mmol/L,3.9-5.5,2026-02-10\n`;

async function newPatient(cookie: string, name: string) {
  const res = await call("POST", "/api/portal/patients", { cookie, body: { name, externalId: `mrn-${randomUUID()}` } });
  expect(res.status).toBe(201);
  return res.json.data as { id: string; name: string };
}

/** Upload through the portal's endpoints as the drop zone does (mint, PUT, register) and wait for the pipeline. */
async function readyLab(cookie: string, patientId: string, content: string) {
  const minted = await call("POST", "/api/portal/uploads", { cookie, body: { patientId, fileName: "chem.csv", contentType: "text/csv", size: Buffer.byteLength(content) } });
  expect(minted.status, minted.text).toBe(201);
  const { uploadUrl, headers, uploadId } = minted.json.data;
  expect((await appFetch(uploadUrl, { method: "PUT", headers, body: content })).status).toBe(200);
  const registered = await call("POST", "/api/portal/labs", { cookie, body: { uploadId } });
  expect(registered.status, registered.text).toBe(202);
  const id = registered.json.data.id as string;
  await eventually(async () => expect((await db.labResult.findUniqueOrThrow({ where: { id } })).status).toBe("ready"), 30_000, 100);
  return id;
}

describe("GET /api/portal/patients/{patient_id}", () => {
  it("answers the patient with one series per analyte, oldest result first, with flags and reference ranges", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie, "Ada Trend");
    // Received out of sample order: the series follow the sample dates, not the upload order.
    const march = await readyLab(cookie, patient.id, MARCH);
    const january = await readyLab(cookie, patient.id, JANUARY);
    const february = await readyLab(cookie, patient.id, FEBRUARY);

    const res = await call("GET", `/api/portal/patients/${patient.id}`, { cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.json.data.patient).toMatchObject({ id: patient.id, name: "Ada Trend", labCount: 3 });
    const series = res.json.data.series as PortalAnalyteSeries[];
    const byCode = Object.fromEntries(series.map((s) => [s.code, s]));
    expect(Object.keys(byCode).sort()).toEqual(["glucose", "potassium", "sodium"]);

    expect(byCode.sodium).toMatchObject({ name: "Sodium", unit: "mmol/L", excluded: 0 });
    expect(byCode.sodium.points).toEqual([
      { labId: january, at: expect.stringMatching(/^2026-01-10/), atSource: "observed", value: 138, comparator: null, flag: "Normal", low: 135, high: 145, reported: null },
      { labId: february, at: expect.stringMatching(/^2026-02-10/), atSource: "observed", value: 139, comparator: null, flag: "Normal", low: 136, high: 146, reported: null },
      { labId: march, at: expect.stringMatching(/^2026-03-10/), atSource: "observed", value: 128, comparator: null, flag: "Low", low: 135, high: 145, reported: null },
    ]);
    expect(byCode.potassium.points.map((p) => [p.value, p.flag])).toEqual([
      [4.1, "Normal"],
      [5.6, "High"],
    ]);
    // Glucose is charted in the catalogue's unit, with the value as the report printed it beside it.
    expect(byCode.glucose.unit).toBe("mg/dL");
    expect(byCode.glucose.points).toHaveLength(1);
    expect(byCode.glucose.points[0].value).toBeCloseTo(91.9, 1);
    expect(byCode.glucose.points[0].reported).toEqual({ value: 5.1, unit: "mmol/L" });
  });

  it("leaves out a result whose unit cannot be converted, and counts it", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie, "Odd Units");
    await readyLab(cookie, patient.id, JANUARY);
    await readyLab(cookie, patient.id, `${HEADER}Sodium,140,widgets,135-145,2026-02-10\n`);
    const res = await call("GET", `/api/portal/patients/${patient.id}`, { cookie });
    const sodium = (res.json.data.series as PortalAnalyteSeries[]).find((s) => s.code === "sodium");
    expect(sodium).toMatchObject({ unit: "mmol/L", excluded: 1 });
    expect(sodium!.points.map((p) => p.value)).toEqual([138]);
  });

  it("records the read in the audit trail with the clinician as the actor", async () => {
    const { organizationId } = await createTenant();
    const { cookie, userId } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie, "Audit Subject");
    const requestId = `patients-${randomUUID()}`;
    expect((await call("GET", `/api/portal/patients/${patient.id}`, { cookie, headers: { "x-request-id": requestId } })).status).toBe(200);
    const rows = await eventually(async () => {
      const found = await db.auditEvent.findMany({ where: { requestId } });
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows[0]).toMatchObject({ organizationId, action: "read", resourceType: "member", resourceId: patient.id, actorType: "portal_user", actorId: userId });
  });

  it("answers a patient without labs with no series", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie, "No Labs Yet");
    const res = await call("GET", `/api/portal/patients/${patient.id}`, { cookie });
    expect(res.json.data).toMatchObject({ patient: { labCount: 0, lastLabAt: null }, series: [] });
  });

  it("answers 404 for another organisation's patient, 401 without a session and 400 for an id that is not a uuid", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const alice = await createPortalUser(a.organizationId);
    const bob = await createPortalUser(b.organizationId);
    const patient = await newPatient(alice.cookie, "Private Person");

    const foreign = await call("GET", `/api/portal/patients/${patient.id}`, { cookie: bob.cookie });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain("Private Person");
    expect((await call("GET", `/api/portal/patients/${randomUUID()}`, { cookie: alice.cookie })).status).toBe(404);
    expect((await call("GET", `/api/portal/patients/${patient.id}`)).status).toBe(401);
    expect((await call("GET", "/api/portal/patients/not-a-uuid", { cookie: alice.cookie })).status).toBe(400);
  });
});
