/**
 * Lab lifecycle webhooks from the real pipeline: a member uploads a file through the real routes, the real
 * executor runs the workflow, and a real receiver on 127.0.0.1 gets `lab.accepted` → job status changes →
 * `lab.results_ready` (or `lab.failed`), each verified with the `standardwebhooks` package. Only subscribed
 * endpoints hear an event; no payload carries a lab value or a name.
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PIPELINE_STEPS } from "@/lib/labs";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createTenant, registerLab, uploadFile } from "../support/fixtures";
import { submissionBody, submit } from "../support/submissions";
import { WebhookReceiver } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

interface LifecycleEvent {
  type: string;
  timestamp: string;
  data: { labResultId: string; source: string; status: string; memberId: string | null; sequenceNumber: number; job?: { type: string; status: string; attempt: number }; failedJobType?: string | null };
}

async function subscribe(apiKey: string, events: string[]) {
  const path = receiver.route();
  const res = await call("POST", "/v1/webhook-endpoints", {
    apiKey,
    body: { url: `${receiver.url}${path}`, events },
    headers: { "x-correlation-id": randomUUID(), "idempotency-key": randomUUID() },
  });
  expect(res.status, res.text).toBe(201);
  return { path, id: res.json.id as string, verifier: new Webhook(res.json.secret as string) };
}

/** What an endpoint received about one lab, each body verified with its secret (a forgery would throw). */
function received(endpoint: { path: string; verifier: Webhook }, labResultId: string) {
  return receiver
    .at(endpoint.path)
    .map((r) => ({ headers: r.headers, body: r.body, event: endpoint.verifier.verify(r.body, r.headers) as LifecycleEvent }))
    .filter((r) => r.event.data.labResultId === labResultId);
}

describe("lab lifecycle webhooks", () => {
  it("sends accepted, every job status change and results ready to a subscribed endpoint, signed, in order, without lab values", async () => {
    const { apiKey } = await createTenant();
    const all = await subscribe(apiKey, ["lab.accepted", "lab.job_status_changed", "lab.results_ready", "lab.failed"]);
    const readyOnly = await subscribe(apiKey, ["lab.results_ready"]);
    const failedOnly = await subscribe(apiKey, ["lab.failed"]);
    const member = await createMember(apiKey);
    const lab = await registerLab(member.userId, member.token);

    const events = await eventually(() => {
      const got = received(all, lab.lab_result_id);
      expect(got.at(-1)?.event.type).toBe("lab.results_ready");
      return got;
    }, 30_000);

    const types = events.map((e) => e.event.type);
    expect(types[0]).toBe("lab.accepted");
    expect(events[0].event.data).toMatchObject({ labResultId: lab.lab_result_id, source: "upload", status: "pending", memberId: member.userId });
    const jobs = events.filter((e) => e.event.type === "lab.job_status_changed").map((e) => e.event.data.job!);
    for (const step of PIPELINE_STEPS) {
      // Normally one attempt; a step retried on a loaded machine reports its later attempt as well, never
      // a status out of order: each attempt starts running, and the last one succeeds.
      const reported = jobs.filter((j) => j.type === step.slug).map((j) => [j.status, j.attempt] as const);
      const last = reported.at(-1)![1];
      expect(reported.slice(-2)).toEqual([
        ["running", last],
        ["succeeded", last],
      ]);
      const attempts = reported.map(([, attempt]) => attempt);
      expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
      for (const [status] of reported.slice(0, -2)) expect(["running", "failed"]).toContain(status);
    }
    expect(events.at(-1)!.event.data).toMatchObject({ status: "ready", labsReceived: 2, labsAnalyzed: 2 });
    // In order, each its own webhook-id, numbered without gaps.
    expect(events.map((e) => e.event.data.sequenceNumber)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.headers["webhook-id"])).size).toBe(events.length);
    // Ids and statuses only: the file's analytes (SAMPLE_CSV) appear in no body.
    for (const { body } of events) expect(body).not.toMatch(/Glucose|Creatinine|mg\/dL|"value"|"name"/);

    const ready = await eventually(() => {
      const got = received(readyOnly, lab.lab_result_id);
      expect(got).toHaveLength(1);
      return got;
    }, 30_000);
    expect(ready[0].event.type).toBe("lab.results_ready");
    expect(received(failedOnly, lab.lab_result_id)).toEqual([]);
    expect(await db.webhookDelivery.count({ where: { endpointId: failedOnly.id } })).toBe(0);

    // The delivery log shows them, filterable by type.
    const log = await call("GET", `/v1/webhook-deliveries?endpointId=${all.id}&eventType=lab.accepted&labResultId=${lab.lab_result_id}`, { apiKey });
    expect(log.json.data).toEqual([expect.objectContaining({ eventType: "lab.accepted", status: "succeeded", sequenceNumber: 1 })]);
  });

  it("sends lab.failed, naming the failed step but not the reason, to an endpoint subscribed to failures only", async () => {
    const { apiKey } = await createTenant();
    const failedOnly = await subscribe(apiKey, ["lab.failed"]);
    const member = await createMember(apiKey);
    const { fileUrl } = await uploadFile(member.token, "Patient,Remark\nJane Roe,feeling fine\n", "text/csv", "notes.csv");
    const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
    expect(registered.status).toBe(202);
    const labResultId = registered.json.data.lab_result_id as string;

    const [failure] = await eventually(() => {
      const got = received(failedOnly, labResultId);
      expect(got).toHaveLength(1);
      return got;
    }, 30_000);
    expect(failure.event).toMatchObject({ type: "lab.failed", data: { labResultId, status: "failed", source: "upload", failedJobType: "pipeline.ingest_validate" } });
    expect(failure.body).not.toMatch(/Jane|Roe|no lab values/);
    const lab = await db.labResult.findUniqueOrThrow({ where: { id: labResultId } });
    expect(lab.failureReason).toBeTruthy();
  });

  it("tells a subscribed endpoint about a submission too: accepted first, results ready last", async () => {
    const { apiKey } = await createTenant();
    const all = await subscribe(apiKey, ["lab.accepted", "lab.results_ready"]);
    const accepted = await submit(apiKey, submissionBody());
    expect(accepted.status, accepted.text).toBe(202);
    const labResultId = accepted.json.submissionId as string;
    const events = await eventually(() => {
      const got = received(all, labResultId);
      expect(got.map((e) => e.event.type)).toEqual(["lab.accepted", "lab.results_ready"]);
      return got;
    }, 30_000);
    expect(events[0].event.data).toMatchObject({ labResultId, source: "submission", status: "pending", memberId: null, sequenceNumber: 1 });
  });

  it("sends nothing for a lab of an organisation without endpoints", async () => {
    const { apiKey, organizationId } = await createTenant();
    const member = await createMember(apiKey);
    const lab = await registerLab(member.userId, member.token);
    await eventually(async () => expect((await db.labResult.findUniqueOrThrow({ where: { id: lab.lab_result_id } })).status).toBe("ready"), 30_000);
    expect(await db.webhookDelivery.count({ where: { organizationId } })).toBe(0);
  });
});
