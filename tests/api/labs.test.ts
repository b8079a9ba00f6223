import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labDetailResponse, labListResponse, jobResponse } from "@/lib/labs";
import { call } from "../support/app";
import { createMember, createTenant, registerLab, uploadFile } from "../support/fixtures";


describe("POST /v1/users/{user_id}/labs/upload", () => {
  it("registers the file as a pending lab, sends the pipeline event and returns its workflow id", async () => {
    const { apiKey } = await createTenant();
    const { userId, token } = await createMember(apiKey);
    const { fileUrl } = await uploadFile(token);
    const res = await call("POST", `/v1/users/${userId}/labs/upload`, { token, body: { file_url: fileUrl } });
    expect(res.status).toBe(202);
    expect(res.json.data.status).toBe("pending");
    expect(res.json.data.workflow_id).toEqual(expect.any(String));

    const event = await db.executorEvent.findUnique({ where: { id: res.json.data.workflow_id } });
    expect(event).toMatchObject({ name: "lab/analysis.requested", data: { labResultId: res.json.data.lab_result_id } });

    const again = await call("POST", `/v1/users/${userId}/labs/upload`, { token, body: { file_url: fileUrl } });
    expect(again.status).toBe(202);
    expect(again.json.data.lab_result_id).toBe(res.json.data.lab_result_id);
  });

  it("answers 409 before the file was PUT, 422 for a foreign URL, 404 for another tenant's upload, 403 for another member's path", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const alice = await createMember(a.apiKey);
    const bob = await createMember(a.apiKey);
    const carol = await createMember(b.apiKey);

    const minted = await call("POST", "/v1/uploads", { token: alice.token, body: { filename: "x.csv", content_type: "text/csv", size: 5 } });
    const early = await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: alice.token, body: { file_url: minted.json.data.file_url } });
    expect(early.status).toBe(409);
    expect(early.json.detail).toMatch(/not been uploaded/);

    const foreign = await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: alice.token, body: { file_url: "https://evil.example/x.pdf" } });
    expect(foreign.status).toBe(422);
    expect(foreign.json.detail[0].loc).toEqual(["body", "file_url"]);

    const { fileUrl: carolsFile } = await uploadFile(carol.token);
    expect((await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: alice.token, body: { file_url: carolsFile } })).status).toBe(404);

    const { fileUrl: bobsFile } = await uploadFile(bob.token);
    expect((await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: alice.token, body: { file_url: bobsFile } })).status).toBe(404);
    const asBob = await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: bob.token, body: { file_url: bobsFile } });
    expect(asBob.status).toBe(403);
    expect(asBob.json).toEqual({ detail: "This token belongs to another member" });

    expect((await call("POST", `/v1/users/${alice.userId}/labs/upload`, { token: alice.token, body: {} })).status).toBe(422);
    expect((await call("POST", `/v1/users/not-a-uuid/labs/upload`, { token: alice.token, body: { file_url: bobsFile } })).status).toBe(422);
    expect((await call("POST", `/v1/users/${alice.userId}/labs/upload`, { apiKey: a.apiKey, body: { file_url: bobsFile } })).status).toBe(401);
  });
});

describe("GET /v1/users/{user_id}/labs", () => {
  it("pages through every lab newest first, without duplicates or gaps", async () => {
    const { apiKey } = await createTenant();
    const { userId, token } = await createMember(apiKey);
    const registered: string[] = [];
    for (let i = 0; i < 7; i++) registered.push((await registerLab(userId, token)).lab_result_id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call("GET", `/v1/users/${userId}/labs?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { token });
      expect(res.status).toBe(200);
      const page = labListResponse.parse(res.json);
      seen.push(...page.data.map((l) => l.lab_result_id));
      cursor = page.next_cursor;
      expect(page.has_more).toBe(cursor !== null);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...registered].reverse());
  });

  it("rejects a bad cursor or limit with 422, and another member's list with 403", async () => {
    const { apiKey } = await createTenant();
    const alice = await createMember(apiKey);
    const bob = await createMember(apiKey);
    expect((await call("GET", `/v1/users/${alice.userId}/labs?cursor=zzz`, { token: alice.token })).status).toBe(422);
    const limit = await call("GET", `/v1/users/${alice.userId}/labs?limit=1000`, { token: alice.token });
    expect(limit.status).toBe(422);
    expect(limit.json.detail[0].loc).toEqual(["query", "limit"]);
    expect((await call("GET", `/v1/users/${alice.userId}/labs`, { token: bob.token })).status).toBe(403);
    expect((await call("GET", `/v1/users/${alice.userId}/labs`, { token: alice.token })).json.data).toEqual([]);
  });
});

describe("GET /v1/users/{user_id}/labs/{lab_result_id} and /jobs/{job_id}", () => {
  it("returns the lab and the run with its seven steps; 404 across tenants and for unknown ids", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const alice = await createMember(a.apiKey);
    const carol = await createMember(b.apiKey);
    const lab = await registerLab(alice.userId, alice.token);

    const detail = await call("GET", `/v1/users/${alice.userId}/labs/${lab.lab_result_id}`, { token: alice.token });
    expect(detail.status).toBe(200);
    const parsed = labDetailResponse.parse(detail.json);
    expect(parsed.data).toMatchObject({ source: "upload", lab_result_id: lab.lab_result_id });

    const run = await call("GET", `/v1/users/${alice.userId}/jobs/${lab.workflow_id}`, { token: alice.token });
    expect(run.status).toBe(200);
    const steps = jobResponse.parse(run.json).data.steps;
    expect(steps.map((s) => s.type)).toEqual([
      "pipeline.ingest_validate",
      "pipeline.deidentify",
      "pipeline.map_to_fhir",
      "pipeline.fhir_store_upsert",
      "pipeline.run_inference",
      "pipeline.write_artifacts",
      "pipeline.dispatch_webhooks",
    ]);
    expect(steps.every((s) => ["queued", "running", "succeeded"].includes(s.status))).toBe(true);

    expect((await call("GET", `/v1/users/${carol.userId}/labs/${lab.lab_result_id}`, { token: carol.token })).status).toBe(404);
    expect((await call("GET", `/v1/users/${carol.userId}/jobs/${lab.workflow_id}`, { token: carol.token })).status).toBe(404);
    expect((await call("GET", `/v1/users/${alice.userId}/labs/${crypto.randomUUID()}`, { token: alice.token })).status).toBe(404);
    expect((await call("GET", `/v1/users/${alice.userId}/labs/nope`, { token: alice.token })).status).toBe(422);
    expect((await call("GET", `/v1/users/${alice.userId}/jobs/unknown`, { token: alice.token })).json).toEqual({ detail: "Job not found" });
  });
});
