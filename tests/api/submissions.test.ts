/**
 * The Submissions API (DESIGN §5.3, seed 002) through its real route handlers, the real database and the real
 * pipeline: acceptance and the write-header rules, one submission per partnerSubmissionId (also under a
 * burst), every job state validated against seed 002's own `PartnerJobDetailResponse` JSON Schema, the
 * wellbeing results, tenant and partnerId scoping, and the list.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { ExtractionError } from "@/lib/ingest";
import { markJobAttemptFailed, markJobRunning, recordRunFailure } from "@/lib/labs/pipeline";
import { startLabWorkflow } from "@/lib/labs/start-workflow";
import {
  partnerJobDetailSchema,
  submissionAcceptedSchema,
  submissionDetailSchema,
  submissionResultsSchema,
  WELLBEING_LABELS,
  WELLBEING_OUTCOME_IDS,
} from "@/lib/submissions";
import { call } from "../support/app";
import { createKey, createTenant } from "../support/fixtures";
import { insertSubmission, submissionBody, submit, untilSettled } from "../support/submissions";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SLUGS = [
  "pipeline.ingest_validate",
  "pipeline.deidentify",
  "pipeline.map_to_fhir",
  "pipeline.fhir_store_upsert",
  "pipeline.run_inference",
  "pipeline.write_artifacts",
  "pipeline.dispatch_webhooks",
];

/** Seed 002's schema, copied into the repository (tests/fixtures/contracts/SOURCES.md). */
const seedJobSchema = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/contracts/partner-job-detail.schema.json"), "utf8"));
const validateSeedJob = new Ajv({ allErrors: true, format: "full" }).compile(seedJobSchema);

/** The job as GET /v1/jobs/{jobId} answers it, checked against the seed's schema and our own. */
async function getJob(apiKey: string, jobId: string) {
  const res = await call("GET", `/v1/jobs/${jobId}`, { apiKey });
  expect(res.status, res.text).toBe(200);
  const valid = validateSeedJob(res.json);
  expect(valid, JSON.stringify(validateSeedJob.errors)).toBe(true);
  return partnerJobDetailSchema.parse(res.json);
}

describe("POST /v1/submissions", () => {
  it("answers 202 with the submission id and its seven jobs in pipeline order, and echoes the correlation id", async () => {
    const { apiKey } = await createTenant();
    const body = submissionBody({ segment: "cohort-a" });
    const res = await submit(apiKey, body, { "x-correlation-id": "corr-accept-1" });
    expect(res.status, res.text).toBe(202);
    const accepted = submissionAcceptedSchema.parse(res.json);
    expect(accepted).toMatchObject({ partnerSubmissionId: body.partnerSubmissionId, status: "received", correlationId: "corr-accept-1" });
    expect(accepted.jobs.map((j) => j.type)).toEqual(SLUGS);
    expect(new Set(accepted.jobs.map((j) => j.jobId)).size).toBe(7);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-correlation-id")).toBe("corr-accept-1");
    expect(res.headers.get("cache-control")).toBe("private, no-store");

    const stored = await db.labResult.findUniqueOrThrow({ where: { id: accepted.submissionId }, include: { jobs: true } });
    expect(stored).toMatchObject({ source: "submission", correlationId: "corr-accept-1", partnerSubjectId: "subject-0001", labsReceived: 3 });
    expect(stored.workflowId).not.toBeNull();
    expect(stored.jobs.every((j) => j.segment === "cohort-a")).toBe(true);
  });

  it("runs the submission to completed, and every job then matches the seed's PartnerJobDetailResponse", async () => {
    const { apiKey } = await createTenant();
    const res = await submit(apiKey, submissionBody({ segment: "cohort-b" }), { "x-correlation-id": "corr-run-1" });
    const { submissionId, jobs } = submissionAcceptedSchema.parse(res.json);
    const settled = await untilSettled(apiKey, submissionId);
    const detail = submissionDetailSchema.parse(settled.json);
    expect(detail).toMatchObject({ status: "completed", statusLabel: "Completed", segment: "cohort-b", correlationId: "corr-run-1", labsReceived: 3 });
    expect(detail.jobs.map((j) => j.jobId)).toEqual(jobs.map((j) => j.jobId));

    const [first, ...rest] = jobs;
    for (const { jobId, type } of jobs) {
      const job = await getJob(apiKey, jobId);
      expect(job).toMatchObject({
        jobId,
        type,
        submissionId,
        partnerSubjectId: "subject-0001",
        status: "succeeded",
        statusLabel: "Succeeded",
        segment: "cohort-b",
        correlationId: "corr-run-1",
        attempts: 1,
        lastError: null,
        errorDetail: null,
        failedAt: null,
      });
      expect(job.typeLabel.length).toBeGreaterThan(0);
      expect(job.parentJobId).toBe(jobId === first.jobId ? null : first.jobId);
      expect(job.queuedAt && job.startedAt && job.completedAt && job.slaDeadlineAt).toBeTruthy();
      expect(job.processingDurationMs).toBe(Date.parse(job.completedAt!) - Date.parse(job.startedAt!));
      expect(job.slaBreached).toBe(false);
    }
    expect(rest.length).toBe(6);
  });

  it("answers 400 in the envelope when x-correlation-id or Idempotency-Key is missing or empty, and creates nothing", async () => {
    const { apiKey, organizationId } = await createTenant();
    const cases: [Record<string, string>, string[]][] = [
      [{ "idempotency-key": "k-1" }, ["x-correlation-id"]],
      [{ "x-correlation-id": "c-1" }, ["idempotency-key"]],
      [{ "x-correlation-id": "  ", "idempotency-key": "k-2" }, ["x-correlation-id"]],
      [{ "x-correlation-id": "c-2", "idempotency-key": "" }, ["idempotency-key"]],
      [{}, ["x-correlation-id", "idempotency-key"]],
    ];
    for (const [headers, missing] of cases) {
      const res = await call("POST", "/v1/submissions", { apiKey, body: submissionBody(), headers });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "VALIDATION_ERROR", requestId: expect.any(String) });
      expect(res.json.error.details.issues.map((i: { loc: string[] }) => i.loc[1])).toEqual(missing);
      expect(res.headers.get("x-request-id")).toBe(res.json.error.requestId);
    }
    expect(await db.labResult.count({ where: { organizationId } })).toBe(0);
  });

  it("answers 400 for a correlation id longer than 200 characters", async () => {
    const { apiKey, organizationId } = await createTenant();
    const res = await submit(apiKey, submissionBody(), { "x-correlation-id": "c".repeat(201) });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].loc).toEqual(["header", "x-correlation-id"]);
    expect(await db.labResult.count({ where: { organizationId } })).toBe(0);
  });

  const valid = () => submissionBody();
  it.each([
    ["no partnerSubmissionId", () => ({ ...valid(), partnerSubmissionId: undefined }), ["body", "partnerSubmissionId"]],
    ["an empty partnerSubjectId", () => ({ ...valid(), partnerSubjectId: " " }), ["body", "partnerSubjectId"]],
    ["no labResults", () => ({ ...valid(), labResults: [] }), ["body", "labResults"]],
    ["a numeric value", () => ({ ...valid(), labResults: [{ name: "Creatinine", value: 1.8 }] }), ["body", "labResults", 0, "value"]],
    ["a partnerId that is not a UUID", () => ({ ...valid(), metadata: { partnerId: "lw_abc" } }), ["body", "metadata", "partnerId"]],
  ])("answers 400 naming the field for %s", async (_, body, loc) => {
    const { apiKey } = await createTenant();
    const res = await submit(apiKey, body());
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues.map((i: { loc: unknown }) => i.loc)).toContainEqual(loc);
  });

  it("refuses a key without the write scope (403)", async () => {
    const { organizationId } = await createTenant();
    const readOnly = await createKey(organizationId, ["read"]);
    const res = await submit(readOnly, submissionBody());
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("FORBIDDEN");
  });

  it("answers 409 for a partnerSubmissionId already used in the organisation, but not in another one", async () => {
    const { apiKey } = await createTenant();
    const body = submissionBody();
    expect((await submit(apiKey, body)).status).toBe(202);
    const again = await submit(apiKey, body);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "DUPLICATE_SUBMISSION", correlationId: expect.any(String) });
    const other = await createTenant();
    expect((await submit(other.apiKey, body)).status).toBe(202);
  });

  it("replays the first 202 for the same Idempotency-Key and body, and answers 409 for the key with another body", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = submissionBody();
    const headers = { "idempotency-key": "replay-1", "x-correlation-id": "corr-replay" };
    const first = await submit(apiKey, body, headers);
    const replay = await submit(apiKey, body, headers);
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const changed = await submit(apiKey, { ...body, partnerSubjectId: "someone-else" }, headers);
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await db.labResult.count({ where: { organizationId } })).toBe(1);
  });

  it("creates exactly one submission from 20 concurrent identical POSTs", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = submissionBody();
    const headers = { "idempotency-key": `burst-${randomUUID()}`, "x-correlation-id": "corr-burst" };
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(apiKey, body, headers)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(results.map((r) => r.json.submissionId)).size).toBe(1);
    expect(await db.labResult.count({ where: { organizationId } })).toBe(1);
  });

  it("creates exactly one submission when 20 POSTs race with one partnerSubmissionId and different Idempotency-Keys", async () => {
    const { apiKey, organizationId } = await createTenant();
    const body = submissionBody();
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(apiKey, body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === "DUPLICATE_SUBMISSION")).toBe(true);
    expect(await db.labResult.count({ where: { organizationId } })).toBe(1);
    expect(await db.job.count({ where: { organizationId } })).toBe(7);
  });
});

describe("GET /v1/jobs/{jobId} in every state the pipeline produces", () => {
  it("shows a queued job (not yet started) with nulls for what is not known", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await insertSubmission(organizationId);
    await db.job.updateMany({ where: { labResultId: lab.id }, data: { status: "queued", queuedAt: new Date() } });
    const first = lab.jobs.find((j) => j.type === "ingest_validate")!;
    const map = lab.jobs.find((j) => j.type === "map_to_fhir")!;
    const job = await getJob(apiKey, map.id);
    expect(job).toMatchObject({
      status: "queued",
      statusLabel: "Queued",
      submissionId: lab.id,
      parentJobId: first.id,
      segment: null,
      attempts: 0,
      startedAt: null,
      completedAt: null,
      failedAt: null,
      slaDeadlineAt: null,
      processingDurationMs: null,
      slaBreached: false,
    });
    expect(job.queuedAt).not.toBeNull();
    expect((await getJob(apiKey, first.id)).parentJobId).toBeNull();
  });

  it("shows a running job, its SLA deadline, and the breach once the deadline has passed", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await insertSubmission(organizationId, { status: "processing" });
    await markJobRunning({ labResultId: lab.id, organizationId }, "run_inference", 0, 4);
    const id = lab.jobs.find((j) => j.type === "run_inference")!.id;
    const running = await getJob(apiKey, id);
    expect(running).toMatchObject({ status: "running", statusLabel: "Running", attempts: 1, maxAttempts: 4, processingDurationMs: null, slaBreached: false });
    expect(Date.parse(running.slaDeadlineAt!)).toBeGreaterThan(Date.parse(running.startedAt!));

    await db.job.update({ where: { id }, data: { slaDeadlineAt: new Date(Date.now() - 1000) } });
    expect((await getJob(apiKey, id)).slaBreached).toBe(true);
  });

  it("shows a permanently failed job when the submission's values cannot be read, with the reason and a public-safe errorDetail", async () => {
    const { apiKey, organizationId } = await createTenant();
    // Values that cannot be read: the row holds none (a submission's `input` is never empty through the API).
    const lab = await insertSubmission(organizationId);
    expect(await startLabWorkflow(lab)).not.toBeNull();
    const settled = await untilSettled(apiKey, lab.id);
    expect(settled.json).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/neither a file nor submitted values/) });
    const jobs = settled.json.jobs as { jobId: string }[];
    const ingest = await getJob(apiKey, jobs[0].jobId);
    expect(ingest).toMatchObject({
      status: "failed",
      statusLabel: "Failed",
      attempts: 1,
      lastError: "this lab result has neither a file nor submitted values",
      errorDetail: { reference: ingest.jobId, category: "input" },
    });
    expect(ingest.processingDurationMs).toBe(Date.parse(ingest.failedAt!) - Date.parse(ingest.startedAt!));
    for (const { jobId } of jobs.slice(1)) expect(await getJob(apiKey, jobId)).toMatchObject({ status: "cancelled", statusLabel: "Cancelled" });
  });

  it("shows a dead-lettered job after its retries are spent on an internal error, without the driver's text or a stack", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await insertSubmission(organizationId, { status: "processing" });
    const pipelineLab = { labResultId: lab.id, organizationId };
    const error = new Prisma.PrismaClientKnownRequestError("Transaction already closed: the timeout for this transaction was 5000 ms", {
      code: "P2028",
      clientVersion: Prisma.prismaVersion.client,
    });
    for (let attempt = 0; attempt < 4; attempt++) {
      await markJobRunning(pipelineLab, "map_to_fhir", attempt, 4);
      await markJobAttemptFailed(pipelineLab, "map_to_fhir", error);
    }
    await recordRunFailure(pipelineLab, { retriesExhausted: true, attempts: 4, error });
    const id = lab.jobs.find((j) => j.type === "map_to_fhir")!.id;
    const res = await call("GET", `/v1/jobs/${id}`, { apiKey });
    const job = await getJob(apiKey, id);
    expect(job).toMatchObject({ status: "dead_letter", statusLabel: "Dead-lettered", attempts: 4, errorDetail: { reference: id, category: "internal" } });
    expect(job.lastError).toMatch(/internal error.*reference/);
    expect(res.text).not.toMatch(/prisma|transaction|P2028|stack|\bat .*\.ts/i);
  });

  it("shows a job failed by the input after its single attempt as failed, with the reason as written", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await insertSubmission(organizationId, { status: "processing" });
    const pipelineLab = { labResultId: lab.id, organizationId };
    const reason = "no lab values could be read from this file";
    const error = new NonRetriableError(reason, { cause: new ExtractionError(reason) });
    await markJobRunning(pipelineLab, "ingest_validate", 0, 4);
    await markJobAttemptFailed(pipelineLab, "ingest_validate", error);
    await recordRunFailure(pipelineLab, { retriesExhausted: false, attempts: 1, error });
    const job = await getJob(apiKey, lab.jobs.find((j) => j.type === "ingest_validate")!.id);
    expect(job).toMatchObject({ status: "failed", lastError: reason, errorDetail: { category: "input" } });
  });

  it("shows a job of an agent run with null submission fields", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await db.labResult.create({
      data: { organizationId, source: "agent_run", jobs: { create: [{ organizationId, type: "ingest_validate" }, { organizationId, type: "deidentify" }] } },
      include: { jobs: true },
    });
    const job = await getJob(apiKey, lab.jobs.find((j) => j.type === "deidentify")!.id);
    expect(job).toMatchObject({ submissionId: null, partnerSubmissionId: null, partnerSubjectId: null, correlationId: null, status: "pending", statusLabel: "Pending" });
    expect(job.parentJobId).toBe(lab.jobs.find((j) => j.type === "ingest_validate")!.id);
  });

  it("answers 404 for an unknown job and for an id that is not a UUID", async () => {
    const { apiKey } = await createTenant();
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const res = await call("GET", `/v1/jobs/${id}`, { apiKey });
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
    }
  });
});

/** Every rule id of lib/clinical/rules (`kidney.ckd-category`, `thyroid.primary-hypothyroid-pattern`, …), read from the source. */
function ruleIds(): string[] {
  const dir = path.join(ROOT, "lib/clinical/rules");
  const ids = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    for (const m of source.matchAll(/id: [`"]([a-z]+\.[a-z0-9-]+)[`"]/g)) ids.add(m[1]);
    // Rules that build their ids from a variant (`thyroid.${variant}`): the variants are `id: "…"` strings.
    const prefix = /id: `([a-z]+)\.\$\{/.exec(source)?.[1];
    if (prefix) for (const m of source.matchAll(/id: "([a-z0-9-]+)"/g)) ids.add(`${prefix}.${m[1]}`);
  }
  return [...ids];
}

describe("GET /v1/submissions/{submissionId}/results", () => {
  it("gives wellbeing outcomes from the vocabulary, and no rule id, guidance id or analyte code anywhere in the body", async () => {
    const { apiKey } = await createTenant();
    const { submissionId } = (await submit(apiKey, submissionBody())).json;
    await untilSettled(apiKey, submissionId);
    const res = await call("GET", `/v1/submissions/${submissionId}/results`, { apiKey });
    expect(res.status, res.text).toBe(200);
    const results = submissionResultsSchema.parse(res.json);
    expect(results.outcomes.map((o) => o.id)).toEqual(expect.arrayContaining(["wellbeing.kidney.review", "wellbeing.blood_sugar.review"]));
    for (const outcome of results.outcomes) {
      expect(WELLBEING_OUTCOME_IDS).toContain(outcome.id);
      expect(outcome.label).toBe(WELLBEING_LABELS[outcome.id]);
    }
    expect(results.notices.length).toBeGreaterThan(0);

    const stored = await db.labResult.findUniqueOrThrow({ where: { id: submissionId } });
    const findings = stored.findings as { items: { id: string; analytes: string[]; guidanceIds: string[] }[] };
    const forbidden = [
      ...ruleIds(),
      ...findings.items.flatMap((f) => [f.id, ...f.guidanceIds, ...f.analytes.filter((code) => code.length > 3)]),
    ];
    expect(ruleIds().length).toBeGreaterThan(20);
    expect(findings.items.length).toBeGreaterThan(0);
    for (const id of forbidden) expect(res.text, `the body names the internal id ${id}`).not.toContain(id);
    expect(res.text).not.toMatch(/"(severity|guidance|analytes|rule|model)"/);
  });

  it("says the results are in range when nothing stands out", async () => {
    const { apiKey } = await createTenant();
    const body = submissionBody({ labResults: [{ name: "Sodium", value: "140", unit: "mmol/L", referenceRange: "135-145" }] });
    const { submissionId } = (await submit(apiKey, body)).json;
    await untilSettled(apiKey, submissionId);
    const res = await call("GET", `/v1/submissions/${submissionId}/results`, { apiKey });
    expect(res.json.outcomes).toEqual([{ id: "wellbeing.overall.in_range", label: WELLBEING_LABELS["wellbeing.overall.in_range"], area: "overall", level: "in_range" }]);
  });

  it("answers 409 RESULTS_NOT_READY with Retry-After while processing, and 409 SUBMISSION_FAILED once failed", async () => {
    const { apiKey, organizationId } = await createTenant();
    const pending = await insertSubmission(organizationId, { status: "processing" });
    const notReady = await call("GET", `/v1/submissions/${pending.id}/results`, { apiKey });
    expect(notReady.status).toBe(409);
    expect(notReady.json.error.code).toBe("RESULTS_NOT_READY");
    expect(notReady.headers.get("retry-after")).toBe("2");

    const failed = await insertSubmission(organizationId, { status: "failed" });
    const res = await call("GET", `/v1/submissions/${failed.id}/results`, { apiKey });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("SUBMISSION_FAILED");
  });
});

describe("scoping", () => {
  it("answers 404 for another organisation's submission, job and results", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const lab = await insertSubmission(owner.organizationId, { status: "ready" });
    for (const url of [`/v1/submissions/${lab.id}`, `/v1/submissions/${lab.id}/results`, `/v1/jobs/${lab.jobs[0].id}`]) {
      const res = await call("GET", url, { apiKey: other.apiKey });
      expect(res.status, url).toBe(404);
      expect(res.json.error.code).toBe("NOT_FOUND");
    }
    const list = await call("GET", "/v1/submissions", { apiKey: other.apiKey });
    expect(list.json.items).toEqual([]);
  });

  it("restricts a submission to the key metadata.partnerId names: 403 for the tenant's other keys, unlisted for them", async () => {
    const { apiKey, organizationId } = await createTenant();
    const partnerKey = await createKey(organizationId, ["read", "write"]);
    const partnerKeyId = (await db.apiKey.findFirstOrThrow({ where: { organizationId, name: "test" }, orderBy: { createdAt: "desc" } })).id;
    const created = await submit(partnerKey, submissionBody({ metadata: { partnerId: partnerKeyId } }));
    expect(created.status, created.text).toBe(202);
    const { submissionId, jobs } = created.json;
    await untilSettled(partnerKey, submissionId);

    const urls = [`/v1/submissions/${submissionId}`, `/v1/submissions/${submissionId}/results`, `/v1/jobs/${jobs[3].jobId}`];
    for (const url of urls) {
      expect((await call("GET", url, { apiKey: partnerKey })).status, url).toBe(200);
      const res = await call("GET", url, { apiKey });
      expect(res.status, url).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await call("GET", `/v1/submissions/${submissionId}`, { apiKey: partnerKey })).json.metadata).toEqual({ partnerId: partnerKeyId });
    expect((await call("GET", "/v1/submissions", { apiKey })).json.items).toEqual([]);
    expect((await call("GET", "/v1/submissions", { apiKey: partnerKey })).json.items.map((s: { submissionId: string }) => s.submissionId)).toEqual([submissionId]);
  });

  it("answers 403 when metadata.partnerId names another key than the one sending", async () => {
    const { apiKey, organizationId } = await createTenant();
    await createKey(organizationId, ["read"]);
    const otherKeyId = (await db.apiKey.findFirstOrThrow({ where: { organizationId, name: "test" } })).id;
    const res = await submit(apiKey, submissionBody({ metadata: { partnerId: otherKeyId } }));
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/partnerId/);
    expect(await db.labResult.count({ where: { organizationId } })).toBe(0);
  });
});

describe("GET /v1/submissions", () => {
  it("pages newest first with a cursor", async () => {
    const { apiKey, organizationId } = await createTenant();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await insertSubmission(organizationId, { createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
    const newestFirst = made.map((l) => l.id).reverse();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call("GET", `/v1/submissions?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { apiKey });
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((s: { submissionId: string }) => s.submissionId));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
  });

  it("filters by partnerSubjectId, status and creation time", async () => {
    const { apiKey, organizationId } = await createTenant();
    const a = await insertSubmission(organizationId, { partnerSubjectId: "subject-a", status: "ready", createdAt: new Date("2026-02-01T00:00:00Z") });
    const b = await insertSubmission(organizationId, { partnerSubjectId: "subject-b", status: "failed", createdAt: new Date("2026-02-02T00:00:00Z") });
    const c = await insertSubmission(organizationId, { partnerSubjectId: "subject-a", status: "pending", createdAt: new Date("2026-02-03T00:00:00Z") });
    const ids = async (query: string) => {
      const res = await call("GET", `/v1/submissions?${query}`, { apiKey });
      expect(res.status, res.text).toBe(200);
      return res.json.items.map((s: { submissionId: string }) => s.submissionId);
    };
    expect(await ids("partnerSubjectId=subject-a")).toEqual([c.id, a.id]);
    expect(await ids("status=completed")).toEqual([a.id]);
    expect(await ids("status=failed")).toEqual([b.id]);
    expect(await ids("status=received")).toEqual([c.id]);
    expect(await ids("createdFrom=2026-02-02T00:00:00Z&createdTo=2026-02-03T00:00:00Z")).toEqual([b.id]);
    expect(await ids("partnerSubjectId=subject-a&createdFrom=2026-02-02T00:00:00Z")).toEqual([c.id]);
  });

  it("answers 400 for a bad status, date or cursor", async () => {
    const { apiKey } = await createTenant();
    for (const query of ["status=done", "createdFrom=yesterday", "cursor=nope", "limit=0"]) {
      const res = await call("GET", `/v1/submissions?${query}`, { apiKey });
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
    }
  });
});

describe("the job-state test fixtures", () => {
  it("would catch a field the seed does not allow, or one missing", async () => {
    const { apiKey, organizationId } = await createTenant();
    const lab = await insertSubmission(organizationId);
    const job = (await call("GET", `/v1/jobs/${lab.jobs[0].id}`, { apiKey })).json;
    expect(validateSeedJob({ ...job, extra: 1 })).toBe(false);
    const { slaBreached: _dropped, ...missing } = job;
    void _dropped;
    expect(validateSeedJob(missing)).toBe(false);
    expect(validateSeedJob({ ...job, status: "done" })).toBe(false);
    expect(validateSeedJob({ ...job, processingDurationMs: "12" })).toBe(false);
    expect(validateSeedJob(job)).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  it("states PartnerJobDetailResponse as the seed does: the same fields, all required, nothing else, the same enums", async () => {
    const { components } = (await call("GET", "/openapi.json")).json;
    const ours = components.schemas.PartnerJobDetailResponse;
    const seed = seedJobSchema.definitions.PartnerJobDetailResponse;
    expect(ours.additionalProperties).toBe(false);
    expect([...ours.required].sort()).toEqual([...seed.required].sort());
    expect(Object.keys(ours.properties).sort()).toEqual(Object.keys(seed.properties).sort());
    for (const [name, property] of Object.entries(seed.properties) as [string, { type?: unknown }][]) {
      if (property.type) expect(ours.properties[name].type, name).toEqual(property.type);
    }
    expect(components.schemas.PartnerProcessingJobTypePublic.enum).toEqual(seedJobSchema.definitions.PartnerProcessingJobTypePublic.enum);
    expect(components.schemas.PartnerProcessingJobStatusPublic.enum).toEqual(seedJobSchema.definitions.PartnerProcessingJobStatusPublic.enum);
  });

  it("documents the wellbeing vocabulary with every id and its label", async () => {
    const { components } = (await call("GET", "/openapi.json")).json;
    const vocabulary = components.schemas.WellbeingOutcomeId;
    expect(vocabulary.enum).toEqual(WELLBEING_OUTCOME_IDS);
    for (const id of WELLBEING_OUTCOME_IDS) expect(vocabulary.description).toContain(`| \`${id}\` | ${WELLBEING_LABELS[id]} |`);
  });
});
