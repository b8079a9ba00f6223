/**
 * PHI access is recorded because a route declares `audit`, after a successful answer and off the response
 * path; a refused or failed request records nothing.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appFetch, call } from "../support/app";
import { createMember, createTenant, registerLab, uploadFile } from "../support/fixtures";
import { db } from "@/lib/db";

/** The audit rows of one request, once the off-path write has landed. */
async function auditOf(requestId: string, expected = 1) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { requestId } });
    if (rows.length >= expected || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("PHI audit by declaration", () => {
  it("records a member's read of a lab result", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const lab = await registerLab(member.userId, member.token);
    const requestId = `audit-${randomUUID()}`;
    const res = await call("GET", `/v1/users/${member.userId}/labs/${lab.lab_result_id}`, { token: member.token, headers: { "x-request-id": requestId } });
    expect(res.status).toBe(200);
    expect(await auditOf(requestId)).toEqual([
      expect.objectContaining({ action: "read", resourceType: "lab_result", resourceId: lab.lab_result_id, actorType: "member", actorId: member.userId }),
    ]);
  });

  it("records the download of a raw uploaded file", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const { fileUrl, uploadId } = await uploadFile(member.token);
    const requestId = `audit-${randomUUID()}`;
    const res = await appFetch(fileUrl, { headers: { authorization: `Bearer ${member.token}`, "x-request-id": requestId } });
    expect(res.status).toBe(307);
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ action: "read", resourceType: "upload", resourceId: uploadId })]);
  });

  it("records the lab result a registration creates, read from the answer the client still receives", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const { fileUrl } = await uploadFile(member.token);
    const requestId = `audit-${randomUUID()}`;
    const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl }, headers: { "x-request-id": requestId } });
    expect(res.status).toBe(202);
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({ action: "create", resourceType: "lab_result", resourceId: res.json.data.lab_result_id })]);
  });

  it("records nothing when the read is refused", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const requestId = `audit-${randomUUID()}`;
    const res = await call("GET", `/v1/users/${member.userId}/labs/${randomUUID()}`, { token: member.token, headers: { "x-request-id": requestId } });
    expect(res.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.auditEvent.count({ where: { requestId } })).toBe(0);
  });
});
