/**
 * The member's read of a ready lab is served from its stored answer (lib/labs/read-cache.ts): the same bytes
 * the serialiser builds, a strong ETag and 304 on `If-None-Match`, never stale once the lab, its analytes or
 * its upload change (a re-run above all), and still audited on every read.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getMemberLabOrThrow } from "@/lib/labs";
import { buildMemberLabBody } from "@/lib/labs/read-cache";
import { rerunFailedLab } from "@/lib/labs/rerun";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

const CSV = "Test,Result,Unit,Reference Range\nGlucose,130,mg/dL,70-99\nCreatinine,1.8,mg/dL,0.7-1.3\nSodium,140,mmol/L,135-145\n";

async function readyLab() {
  const tenant = await createTenant();
  const member = await createMember(tenant.apiKey);
  const { fileUrl } = await uploadFile(member.token, CSV, "text/csv", "panel.csv");
  const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(res.status).toBe(202);
  const labId = res.json.data.lab_result_id as string;
  const url = `/v1/users/${member.userId}/labs/${labId}`;
  await eventually(async () => {
    const lab = await call("GET", url, { token: member.token });
    expect(lab.json.data.status).toBe("ready");
  }, 30_000);
  // The pipeline's last writes (webhook bookkeeping) may follow `ready`; wait until the row is still.
  await eventually(async () => {
    const before = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { updatedAt: true } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await db.labResult.findUniqueOrThrow({ where: { id: labId }, select: { updatedAt: true } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });
  return { ...tenant, ...member, labId, url };
}

/** What the serialiser builds from the lab as it is now, straight from the database. */
async function freshBody(organizationId: string, userId: string, labId: string) {
  return buildMemberLabBody(await getMemberLabOrThrow(organizationId, userId, labId));
}

describe("reading a ready lab from its stored answer", () => {
  it("answers exactly the serialiser's bytes, stored once, with a strong ETag", async () => {
    const lab = await readyLab();
    const first = await call("GET", lab.url, { token: lab.token });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);

    const stored = await db.labMemberBody.findUniqueOrThrow({ where: { labResultId: lab.labId } });
    const fresh = await freshBody(lab.organizationId, lab.userId, lab.labId);
    expect(stored.body).toBe(fresh.body);
    expect(stored.etag).toBe(fresh.etag);
    expect(first.text).toBe(fresh.body);
    expect(etag).toBe(fresh.etag);

    const second = await call("GET", lab.url, { token: lab.token });
    expect(second.text).toBe(first.text);
    expect(second.headers.get("etag")).toBe(etag);
    // Served from the stored row: it was not rebuilt.
    const again = await db.labMemberBody.findUniqueOrThrow({ where: { labResultId: lab.labId } });
    expect(again.builtAt.getTime()).toBe(stored.builtAt.getTime());
  });

  it("answers 304 without a body to If-None-Match with its tag, 200 to another tag", async () => {
    const lab = await readyLab();
    const first = await call("GET", lab.url, { token: lab.token });
    const etag = first.headers.get("etag")!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await call("GET", lab.url, { token: lab.token, headers: { "if-none-match": header } });
      expect(res.status, header).toBe(304);
      expect(res.text).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
    const other = await call("GET", lab.url, { token: lab.token, headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
  });

  it("gives another member 404 for the stored lab, whatever the tag", async () => {
    const lab = await readyLab();
    const first = await call("GET", lab.url, { token: lab.token });
    const stranger = await createMember(lab.apiKey);
    const res = await call("GET", `/v1/users/${stranger.userId}/labs/${lab.labId}`, { token: stranger.token, headers: { "if-none-match": first.headers.get("etag")! } });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("analytes");
  });

  it("is never stale: a change to the lab row, its analytes or its upload is answered at once", async () => {
    const lab = await readyLab();
    const first = await call("GET", lab.url, { token: lab.token });

    await db.labResult.update({ where: { id: lab.labId }, data: { patientResponse: "Changed by a test." } });
    const afterLab = await call("GET", lab.url, { token: lab.token });
    expect(afterLab.json.data.patient_response).toBe("Changed by a test.");
    expect(afterLab.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(afterLab.text).toBe((await freshBody(lab.organizationId, lab.userId, lab.labId)).body);

    // A write that leaves updated_at alone (raw SQL) is caught by the trigger.
    await db.$executeRaw`UPDATE analytes SET raw_value = '131' WHERE lab_result_id = ${lab.labId}::uuid AND raw_name = 'Glucose'`;
    const afterAnalyte = await call("GET", lab.url, { token: lab.token });
    expect(afterAnalyte.json.data.analytes.find((a: { name: string }) => a.name === "Glucose").value).toBe("131");

    const { uploadId } = await db.labResult.findUniqueOrThrow({ where: { id: lab.labId }, select: { uploadId: true } });
    await db.$executeRaw`UPDATE uploads SET content_type = 'text/plain' WHERE id = ${uploadId}::uuid`;
    const afterUpload = await call("GET", lab.url, { token: lab.token });
    expect(afterUpload.json.data.file.content_type).toBe("text/plain");
    expect(afterUpload.text).toBe((await freshBody(lab.organizationId, lab.userId, lab.labId)).body);

    await db.$executeRaw`UPDATE lab_results SET status = 'failed', failure_reason = 'raw' WHERE id = ${lab.labId}::uuid`;
    expect(await db.labMemberBody.count({ where: { labResultId: lab.labId } })).toBe(0);
    const failed = await call("GET", lab.url, { token: lab.token });
    expect(failed.json.data.status).toBe("failed");
    expect(failed.headers.get("etag")).toBeNull();
  });

  it("is rebuilt after a re-run: the failed lab's answer, then the new ready one", async () => {
    const lab = await readyLab();
    await call("GET", lab.url, { token: lab.token });
    expect(await db.labMemberBody.count({ where: { labResultId: lab.labId } })).toBe(1);

    await db.labResult.update({ where: { id: lab.labId }, data: { status: "failed", failureReason: "Failed for the test" } });
    expect(await db.labMemberBody.count({ where: { labResultId: lab.labId } })).toBe(0);
    const failed = await call("GET", lab.url, { token: lab.token });
    expect(failed.json.data.status).toBe("failed");
    expect(failed.headers.get("etag")).toBeNull();

    await rerunFailedLab(lab.organizationId, lab.labId);
    const pending = await call("GET", lab.url, { token: lab.token });
    expect(["pending", "processing", "ready"]).toContain(pending.json.data.status);
    await eventually(async () => {
      const res = await call("GET", lab.url, { token: lab.token });
      expect(res.json.data.status).toBe("ready");
    }, 30_000);
    await eventually(async () => {
      const res = await call("GET", lab.url, { token: lab.token });
      const fresh = await freshBody(lab.organizationId, lab.userId, lab.labId);
      expect(res.text).toBe(fresh.body);
      expect(res.headers.get("etag")).toBe(fresh.etag);
      expect(res.json.data.failure_reason).toBeNull();
    });
  });

  it("is gone with its lab", async () => {
    const lab = await readyLab();
    await call("GET", lab.url, { token: lab.token });
    await db.labResult.delete({ where: { id: lab.labId } });
    expect(await db.labMemberBody.count({ where: { labResultId: lab.labId } })).toBe(0);
    expect((await call("GET", lab.url, { token: lab.token })).status).toBe(404);
  });

  it("records an audit row for every read, 304s included", async () => {
    const lab = await readyLab();
    const etag = (await call("GET", lab.url, { token: lab.token })).headers.get("etag")!;
    const requestIds = Array.from({ length: 5 }, () => `cache-${randomUUID()}`);
    await Promise.all(
      requestIds.map((requestId, i) =>
        call("GET", lab.url, { token: lab.token, headers: { "x-request-id": requestId, ...(i % 2 ? { "if-none-match": etag } : {}) } }),
      ),
    );
    await eventually(async () => {
      const rows = await db.auditEvent.findMany({ where: { requestId: { in: requestIds } } });
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row).toMatchObject({ action: "read", resourceType: "lab_result", resourceId: lab.labId, actorType: "member", actorId: lab.userId });
    });
  });
});
