/**
 * The portal's lab endpoints, called with a real Auth.js session cookie: the same pre-signed upload flow as
 * the API, the filtered list, re-running a failed lab, and what a session may not do (another organisation's
 * lab, a cross-site write, no session at all).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appFetch, call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";

const CSV = "Test,Result,Unit,Reference Range\nSodium,128,mmol/L,135-145\nPotassium,4.1,mmol/L,3.5-5.1\n";

async function newPatient(cookie: string, name = "Ada Example", externalId?: string) {
  const res = await call("POST", "/api/portal/patients", { cookie, body: { name, externalId } });
  expect(res.status).toBe(201);
  return res.json.data as { id: string; name: string };
}

/** Upload through the portal's endpoints exactly as the drop zone does: mint, PUT, register. */
async function uploadForPatient(cookie: string, patientId: string, content = CSV, fileName = "chem.csv", contentType = "text/csv") {
  const minted = await call("POST", "/api/portal/uploads", { cookie, body: { patientId, fileName, contentType, size: Buffer.byteLength(content) } });
  expect(minted.status, minted.text).toBe(201);
  const { uploadUrl, headers, uploadId } = minted.json.data;
  const put = await appFetch(uploadUrl, { method: "PUT", headers, body: content });
  expect(put.status).toBe(200);
  const registered = await call("POST", "/api/portal/labs", { cookie, body: { uploadId } });
  expect(registered.status, registered.text).toBe(202);
  return registered.json.data as { id: string; status: string };
}

describe("portal lab endpoints", () => {
  it("uploads a file for a new patient, which becomes ready with its abnormal count, and lists it with filters", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie, "Grace Hopper", `mrn-${Date.now()}`);
    const lab = await uploadForPatient(cookie, patient.id);
    // The answer is read after the run was started: a quick executor may already be on it.
    expect(["pending", "processing", "ready"]).toContain(lab.status);

    const ready = await eventually(async () => {
      const res = await call("GET", `/api/portal/labs?patientId=${patient.id}`, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(res.json.data[0].status).toBe("ready");
      return res.json.data[0];
    }, 30_000, 100);
    expect(ready).toMatchObject({ id: lab.id, fileName: "chem.csv", patient: { id: patient.id, name: "Grace Hopper" }, analyteCount: 2, abnormalCount: 1, criticalCount: 0 });

    expect((await call("GET", "/api/portal/labs?results=abnormal", { cookie })).json.data.map((l: { id: string }) => l.id)).toEqual([lab.id]);
    expect((await call("GET", "/api/portal/labs?results=critical", { cookie })).json.data).toEqual([]);
    expect((await call("GET", "/api/portal/labs?q=grace", { cookie })).json.data).toHaveLength(1);
    expect((await call("GET", "/api/portal/labs?q=nobody-by-this-name", { cookie })).json.data).toEqual([]);
    expect((await call("GET", "/api/portal/labs?status=failed", { cookie })).json.data).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await call("GET", `/api/portal/labs?from=${encodeURIComponent(tomorrow)}`, { cookie })).json.data).toEqual([]);
    expect((await call("GET", `/api/portal/labs?to=${encodeURIComponent(tomorrow)}`, { cookie })).json.data).toHaveLength(1);
  });

  it("pages through more labs than one page holds, newest first, without gaps", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie);
    const member = await db.member.findUniqueOrThrow({ where: { id: patient.id } });
    const created = [];
    for (let i = 0; i < 7; i++) {
      created.push(await db.labResult.create({ data: { organizationId, memberId: member.id, source: "submission", status: "ready", createdAt: new Date(Date.UTC(2026, 0, 1 + i)) } }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call("GET", `/api/portal/labs?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { cookie });
      seen.push(...res.json.data.map((l: { id: string }) => l.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((l) => l.id).reverse());
  });

  it("re-runs a failed lab once, and refuses to re-run one that is not failed", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie);
    const lab = await uploadForPatient(cookie, patient.id, "this file holds no lab values at all\n", "notes.txt", "text/plain");
    const failed = await eventually(async () => {
      const row = await db.labResult.findUniqueOrThrow({ where: { id: lab.id } });
      expect(row.status).toBe("failed");
      return row;
    }, 30_000, 100);
    expect(failed.failureReason).toMatch(/not a lab report/);

    const [first, second] = await Promise.all([
      call("POST", `/api/portal/labs/${lab.id}/rerun`, { cookie }),
      call("POST", `/api/portal/labs/${lab.id}/rerun`, { cookie }),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const again = await eventually(async () => {
      const row = await db.labResult.findUniqueOrThrow({ where: { id: lab.id } });
      expect(row.status).toBe("failed");
      return row;
    }, 30_000, 100);
    expect(again.workflowId).not.toBe(failed.workflowId);

    const ready = await db.labResult.create({ data: { organizationId, memberId: patient.id, source: "submission", status: "ready" } });
    const refused = await call("POST", `/api/portal/labs/${ready.id}/rerun`, { cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe("Only a failed lab can be re-run; this one is ready");
  });

  it("answers 401 without a session, 403 to a cross-site write, 404 for another organisation's lab or patient", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const alice = await createPortalUser(a.organizationId);
    const bob = await createPortalUser(b.organizationId);
    const patient = await newPatient(alice.cookie);
    const lab = await db.labResult.create({ data: { organizationId: a.organizationId, memberId: patient.id, source: "upload", status: "failed" } });

    const anonymous = await call("GET", "/api/portal/labs");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.any(String), requestId: expect.any(String) });
    expect((await call("GET", "/api/portal/labs", { cookie: "authjs.session-token=forged" })).status).toBe(401);

    const wrongMethod = await call("DELETE", "/api/portal/labs", { cookie: alice.cookie });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
    expect(wrongMethod.json.error).toMatchObject({ code: "METHOD_NOT_ALLOWED", requestId: expect.any(String) });

    const crossSite = await call("POST", "/api/portal/patients", { cookie: alice.cookie, headers: { origin: "https://evil.example" }, body: { name: "X" } });
    expect(crossSite.status).toBe(403);
    const fetchMetadata = await call("POST", "/api/portal/patients", { cookie: alice.cookie, headers: { "sec-fetch-site": "cross-site" }, body: { name: "X" } });
    expect(fetchMetadata.status).toBe(403);

    expect((await call("POST", `/api/portal/labs/${lab.id}/rerun`, { cookie: bob.cookie })).status).toBe(404);
    expect((await call("GET", "/api/portal/labs", { cookie: bob.cookie })).json.data).toEqual([]);
    const foreignUpload = await call("POST", "/api/portal/uploads", { cookie: bob.cookie, body: { patientId: patient.id, fileName: "a.csv", contentType: "text/csv", size: 3 } });
    expect(foreignUpload.status).toBe(404);
    expect((await db.labResult.findUniqueOrThrow({ where: { id: lab.id } })).status).toBe("failed");
  });

  it("refuses an empty file, an oversize one and a type Labwise cannot read, before any upload", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    const patient = await newPatient(cookie);
    const attempt = (body: object) => call("POST", "/api/portal/uploads", { cookie, body: { patientId: patient.id, fileName: "x.csv", contentType: "text/csv", size: 10, ...body } });
    const empty = await attempt({ size: 0 });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details.issues[0]).toMatchObject({ loc: ["body", "size"], msg: "The file is empty" });
    expect((await attempt({ size: 26 * 1024 * 1024 })).json.error.details.issues[0].msg).toBe("Files are limited to 25 MB");
    expect((await attempt({ contentType: "application/zip" })).status).toBe(400);
    expect((await call("POST", "/api/portal/uploads", { cookie, rawBody: "{not json" })).status).toBe(400);
    expect(await db.upload.count({ where: { organizationId } })).toBe(0);
  });

  it("finds patients by name or external id, and refuses a duplicate external id", async () => {
    const { organizationId } = await createTenant();
    const { cookie } = await createPortalUser(organizationId);
    await newPatient(cookie, "Katherine Johnson", "MRN-7");
    await newPatient(cookie, "Dorothy Vaughan", "MRN-8");
    expect((await call("GET", "/api/portal/patients?q=kath", { cookie })).json.data.map((p: { name: string }) => p.name)).toEqual(["Katherine Johnson"]);
    expect((await call("GET", "/api/portal/patients?q=mrn-8", { cookie })).json.data.map((p: { name: string }) => p.name)).toEqual(["Dorothy Vaughan"]);
    const duplicate = await call("POST", "/api/portal/patients", { cookie, body: { name: "Someone", externalId: "MRN-7" } });
    expect(duplicate.status).toBe(409);
    expect((await call("POST", "/api/portal/patients", { cookie, body: { name: "  " } })).status).toBe(400);
  });
});
