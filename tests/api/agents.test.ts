/**
 * The Lab Results Agent's HTTP surface (DESIGN §5.4, seed 003): the request contract and its 400s, the
 * concurrent-run limit under a burst, and polling a run to its seed-001 result. Real route handlers, real
 * database, the real executor and pipeline; webhooks go to a receiver on loopback that answers 200.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as runRoute from "@/app/v1/agents/lab-results/[runId]/route";
import * as runsRoute from "@/app/v1/agents/lab-results/route";
import { agentRunAcceptedSchema, agentRunSchema } from "@/lib/agents";
import { db } from "@/lib/db";
import { readInput, readPatientContext } from "@/lib/labs/codecs";
import { createKey, createTenant } from "../support/fixtures";

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200).end("ok"));
});
let hook = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Options {
  apiKey?: string;
  bearer?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the two agent route handlers in-process, as Next's router would. */
async function agent(method: "GET" | "POST", path: string, options: Options = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(new URL(path, "http://localhost:3000"), { method, headers, body });
  const runId = /^\/v1\/agents\/lab-results\/([^/]+)$/.exec(path)?.[1];
  const response = runId
    ? await runRoute.GET(request, { params: Promise.resolve({ runId: decodeURIComponent(runId) }) })
    : await runsRoute.POST(request, { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null, text };
}

/** Seed 003's example request. */
const seedRequest = (webhookUrl: string) => ({
  webhookUrl,
  labResults: [
    { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15", category: "Renal" },
    { name: "eGFR", value: "38", unit: "mL/min/1.73m2", flag: "Low", referenceRange: ">60 mL/min/1.73m2", date: "2025-01-15", category: "Renal" },
    { name: "Hemoglobin A1c", value: "7.2%", date: "2025-01-15", category: "Metabolic" },
  ],
  patient: {
    name: "Patient 42",
    age: "68",
    gender: "male",
    conditions: ["Type 2 diabetes", "Hypertension"],
    medications: ["Metformin 1000mg BID", "Lisinopril 20mg"],
    allergies: ["Penicillin"],
    familyHistory: ["Father: CKD"],
    vitalSigns: ["BP 148/92"],
    socialHistory: "Former smoker",
    clinicalNotes: "Follow-up of kidney function.",
  },
});

/** Seed 001's `result`. */
const citation = z.object({ url: z.url(), title: z.string().min(1), metadata: z.object({ type: z.string() }) });
const seed001Result = z.object({
  labResults: z
    .array(
      z.object({
        name: z.string(),
        value: z.string(),
        unit: z.string().optional(),
        flag: z.string().optional(),
        referenceRange: z.string().optional(),
        date: z.string().optional(),
        category: z.string().optional(),
      }),
    )
    .min(1),
  patientResponse: z.string().min(1),
  clinicianResponse: z.string().min(1),
  citations: z.object({ patient: z.record(z.string(), citation), clinician: z.record(z.string(), citation) }),
  metadata: z.object({ labsReceived: z.number().int(), labsAnalyzed: z.number().int(), insightsMatched: z.number().int() }),
});

function concurrency(headers: Headers) {
  return {
    limit: Number(headers.get("x-concurrent-limit")),
    active: Number(headers.get("x-concurrent-active")),
    remaining: Number(headers.get("x-concurrent-remaining")),
  };
}

async function untilSettled(apiKey: string, runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await agent("GET", `/v1/agents/lab-results/${runId}`, { apiKey });
    expect(res.status).toBe(200);
    if (res.json.status !== "processing") return res;
    if (Date.now() > deadline) throw new Error(`run ${runId} still processing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("POST /v1/agents/lab-results", () => {
  it("accepts seed 003's example at once, with the concurrency headers, and the polled run completes with seed 001's result", async () => {
    const { apiKey } = await createTenant();
    const res = await agent("POST", "/v1/agents/lab-results", { apiKey, body: seedRequest(hook) });
    expect(res.status).toBe(200);
    const accepted = agentRunAcceptedSchema.parse(res.json);
    expect(accepted).toMatchObject({ status: "processing", agent: "lab-results", labsReceived: 3, labsAnalyzed: 3 });
    expect(concurrency(res.headers)).toEqual({ limit: 7, active: 1, remaining: 6 });
    expect(res.headers.get("x-request-id")).toBeTruthy();

    const polled = await untilSettled(apiKey, accepted.runId);
    const run = agentRunSchema.parse(polled.json);
    expect(run).toMatchObject({ runId: accepted.runId, status: "completed", agent: "lab-results", labsReceived: 3, labsAnalyzed: 3 });
    expect(run.completedAt).not.toBeNull();
    expect(run.error).toBeUndefined();
    const result = seed001Result.parse(run.result);
    expect(result.metadata).toMatchObject({ labsReceived: 3, labsAnalyzed: 3 });
    expect(result.labResults.map((l) => l.name)).toEqual(["Creatinine", "eGFR", "Hemoglobin A1c"]);

    // The stored patient context is what was sent.
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: accepted.runId } });
    expect(stored).toMatchObject({ source: "agent_run", webhookUrl: hook });
    expect(readPatientContext(stored.patientContext, stored.id)).toMatchObject(seedRequest(hook).patient);
  });

  it("accepts Authorization: Bearer, drops unknown fields, and replays a repeated Idempotency-Key", async () => {
    const { apiKey } = await createTenant();
    const body = { ...seedRequest(hook), metadata: { partnerRef: "x-1" }, labResults: [{ name: "Glucose", value: "99", extra: true }] };
    const first = await agent("POST", "/v1/agents/lab-results", { bearer: apiKey, body, headers: { "idempotency-key": "run-1" } });
    expect(first.status).toBe(200);
    const again = await agent("POST", "/v1/agents/lab-results", { bearer: apiKey, body, headers: { "idempotency-key": "run-1" } });
    expect(again.status).toBe(200);
    expect(again.json.runId).toBe(first.json.runId);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("x-concurrent-limit")).toBe("7");
    const other = await agent("POST", "/v1/agents/lab-results", { bearer: apiKey, body: seedRequest(hook), headers: { "idempotency-key": "run-1" } });
    expect(other.status).toBe(409);
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: first.json.runId } });
    expect(readInput(stored.input, stored.id)).toEqual([{ name: "Glucose", value: "99" }]);
  });

  const valid = () => seedRequest(hook);
  const cases: [string, () => unknown, (string | number)[]][] = [
    ["missing webhookUrl", () => ({ ...valid(), webhookUrl: undefined }), ["body", "webhookUrl"]],
    ["missing labResults", () => ({ ...valid(), labResults: undefined }), ["body", "labResults"]],
    ["empty labResults", () => ({ ...valid(), labResults: [] }), ["body", "labResults"]],
    ["an item without a name", () => ({ ...valid(), labResults: [{ value: "1.8" }] }), ["body", "labResults", 0, "name"]],
    ["an empty value", () => ({ ...valid(), labResults: [{ name: "Creatinine", value: " " }] }), ["body", "labResults", 0, "value"]],
    ["a numeric value", () => ({ ...valid(), labResults: [{ name: "Creatinine", value: 1.8 }] }), ["body", "labResults", 0, "value"]],
    ["a numeric flag", () => ({ ...valid(), labResults: [{ name: "Creatinine", value: "1.8", flag: 1 }] }), ["body", "labResults", 0, "flag"]],
    ["101 conditions", () => ({ ...valid(), patient: { conditions: Array(101).fill("x") } }), ["body", "patient", "conditions"]],
    ["31 medications", () => ({ ...valid(), patient: { medications: Array(31).fill("x") } }), ["body", "patient", "medications"]],
    ["21 allergies", () => ({ ...valid(), patient: { allergies: Array(21).fill("x") } }), ["body", "patient", "allergies"]],
    ["21 family history entries", () => ({ ...valid(), patient: { familyHistory: Array(21).fill("x") } }), ["body", "patient", "familyHistory"]],
    ["a numeric age", () => ({ ...valid(), patient: { age: 68 } }), ["body", "patient", "age"]],
    ["http to a public host", () => ({ ...valid(), webhookUrl: "http://example.com/hook" }), ["body", "webhookUrl"]],
    ["not a URL", () => ({ ...valid(), webhookUrl: "hook" }), ["body", "webhookUrl"]],
    ["https to a private address", () => ({ ...valid(), webhookUrl: "https://10.0.0.1/hook" }), ["body", "webhookUrl"]],
    ["https to the metadata service", () => ({ ...valid(), webhookUrl: "https://169.254.169.254/latest/meta-data" }), ["body", "webhookUrl"]],
    ["https to loopback not allowlisted", () => ({ ...valid(), webhookUrl: "https://[::1]/hook" }), ["body", "webhookUrl"]],
    ["https to another loopback address", () => ({ ...valid(), webhookUrl: "https://127.0.0.2/hook" }), ["body", "webhookUrl"]],
    ["a host that does not resolve", () => ({ ...valid(), webhookUrl: "https://no-such-host.invalid/hook" }), ["body", "webhookUrl"]],
    ["a body that is not an object", () => [valid()], ["body"]],
  ];

  it.each(cases)("answers 400 naming the field for %s, with the concurrency headers", async (_, body, loc) => {
    const { apiKey } = await createTenant();
    const res = await agent("POST", "/v1/agents/lab-results", { apiKey, body: body() });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "VALIDATION_ERROR", requestId: expect.any(String) });
    expect(res.json.error.details.issues.map((i: { loc: unknown }) => i.loc)).toContainEqual(loc);
    expect(concurrency(res.headers)).toEqual({ limit: 7, active: 0, remaining: 7 });
  });

  it("lists every bad field of one request", async () => {
    const { apiKey } = await createTenant();
    const body = { labResults: [{ name: "A", value: 1 }, { value: "2" }], patient: { medications: Array(31).fill("m"), gender: 1 } };
    const res = await agent("POST", "/v1/agents/lab-results", { apiKey, body });
    expect(res.status).toBe(400);
    const locs = res.json.error.details.issues.map((i: { loc: unknown }) => i.loc);
    expect(locs).toEqual(
      expect.arrayContaining([
        ["body", "webhookUrl"],
        ["body", "labResults", 0, "value"],
        ["body", "labResults", 1, "name"],
        ["body", "patient", "medications"],
        ["body", "patient", "gender"],
      ]),
    );
    expect(res.json.error.details.issues.find((i: { loc: unknown[] }) => i.loc[2] === "medications").msg).toMatch(/30/);
  });

  it("answers malformed JSON with 400 and an oversized body with 413, both in the agent shape", async () => {
    const { apiKey } = await createTenant();
    const malformed = await agent("POST", "/v1/agents/lab-results", { apiKey, rawBody: '{"webhookUrl": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("VALIDATION_ERROR");
    expect(malformed.json.error.details.issues[0]).toMatchObject({ loc: ["body"], type: "json_invalid" });
    expect(malformed.headers.get("x-concurrent-limit")).toBe("7");

    const huge = { ...seedRequest(hook), patient: { clinicalNotes: "x".repeat(10_000) }, padding: "x".repeat(2 * 1024 * 1024) };
    const tooLarge = await agent("POST", "/v1/agents/lab-results", { apiKey, body: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", requestId: expect.any(String) });
    expect(tooLarge.headers.get("x-concurrent-remaining")).toBe("7");
  });

  it("answers 401 without or with a bad key and 403 with a read-only key, without usage headers", async () => {
    const { organizationId } = await createTenant();
    const missing = await agent("POST", "/v1/agents/lab-results", { body: seedRequest(hook) });
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe("INVALID_API_KEY");
    const bad = await agent("POST", "/v1/agents/lab-results", { apiKey: "lw_abcdefgh_notarealkeynotarealkeynotarealkey00", body: seedRequest(hook) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("x-concurrent-limit")).toBeNull();
    const readOnly = await agent("POST", "/v1/agents/lab-results", { apiKey: await createKey(organizationId, ["read"]), body: seedRequest(hook) });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.error.code).toBe("FORBIDDEN");
    expect(readOnly.headers.get("x-concurrent-limit")).toBeNull();
  });

  it("analyses the 200 most relevant of 201 labs, keeping a critical one sent last", async () => {
    const { apiKey } = await createTenant();
    const labs = [
      ...Array.from({ length: 200 }, (_, i) => ({
        name: "Glucose",
        value: String(80 + (i % 15)),
        unit: "mg/dL",
        flag: "Normal",
        date: i === 5 ? "2020-06-01" : `2024-${String((i % 12) + 1).padStart(2, "0")}-01`,
      })),
      { name: "Potassium", value: "6.9", unit: "mmol/L", flag: "Critical", referenceRange: "3.5-5.1 mmol/L", date: "2023-01-01" },
    ];
    const res = await agent("POST", "/v1/agents/lab-results", { apiKey, body: { webhookUrl: hook, labResults: labs } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ labsReceived: 201, labsAnalyzed: 200 });
    expect(res.json.message).toMatch(/200 most relevant/);

    const stored = await db.labResult.findUniqueOrThrow({ where: { id: res.json.runId } });
    const input = readInput(stored.input, stored.id)!;
    expect(input).toHaveLength(200);
    expect(input.at(-1)).toMatchObject({ name: "Potassium" });
    // The one left out is the oldest normal result.
    expect(input.map((l) => l.date)).not.toContain("2020-06-01");

    const polled = await untilSettled(apiKey, res.json.runId);
    expect(polled.json).toMatchObject({ status: "completed", labsReceived: 201, labsAnalyzed: 200 });
    expect(polled.json.result.metadata).toMatchObject({ labsReceived: 201, labsAnalyzed: 200 });
    expect(polled.json.result.labResults.map((l: { name: string }) => l.name)).toContain("Potassium");
  });

  it("admits exactly the organisation's limit from a burst, answers the rest 429 with Retry-After, and admits again once runs finish", async () => {
    const { organizationId, apiKey } = await createTenant();
    await db.organization.update({ where: { id: organizationId }, data: { concurrentRunLimit: 7 } });
    // Large enough that no run of the burst can finish while the burst is still being admitted.
    const body = {
      webhookUrl: hook,
      labResults: Array.from({ length: 150 }, (_, i) => ({ name: "Creatinine", value: String(1 + i / 100), unit: "mg/dL", referenceRange: "0.7-1.3", date: "2025-01-15" })),
    };
    const responses = await Promise.all(Array.from({ length: 30 }, () => agent("POST", "/v1/agents/lab-results", { apiKey, body })));

    const admitted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    expect(admitted).toHaveLength(7);
    expect(refused).toHaveLength(23);
    for (const r of responses) {
      const usage = concurrency(r.headers);
      expect(usage.limit).toBe(7);
      expect(usage.remaining).toBeGreaterThanOrEqual(0);
      expect(usage.active + usage.remaining).toBe(7);
    }
    expect(admitted.map((r) => concurrency(r.headers).active).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.json.error).toMatchObject({ code: "RATE_LIMITED", requestId: expect.any(String) });
      expect(concurrency(r.headers)).toEqual({ limit: 7, active: 7, remaining: 0 });
    }

    for (const r of admitted) expect((await untilSettled(apiKey, r.json.runId, 60_000)).json.status).toBe("completed");
    const next = await agent("POST", "/v1/agents/lab-results", { apiKey, body: seedRequest(hook) });
    expect(next.status).toBe(200);
    expect(concurrency(next.headers)).toEqual({ limit: 7, active: 1, remaining: 6 });
  }, 90_000);
});

describe("GET /v1/agents/lab-results/{runId}", () => {
  it("is 404 in the agent shape for another organisation's run, a non-UUID and an unknown id; 401 without a key", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const res = await agent("POST", "/v1/agents/lab-results", { apiKey: a.apiKey, body: seedRequest(hook) });
    const runId = res.json.runId as string;

    const readOnly = await createKey(a.organizationId, ["read"]);
    const own = await agent("GET", `/v1/agents/lab-results/${runId}`, { apiKey: readOnly });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ runId, agent: "lab-results", labsReceived: 3, labsAnalyzed: 3 });
    expect(["processing", "completed"]).toContain(own.json.status);

    for (const [apiKey, id] of [[b.apiKey, runId], [a.apiKey, "not-a-uuid"], [a.apiKey, "00000000-0000-4000-8000-000000000000"]]) {
      const miss = await agent("GET", `/v1/agents/lab-results/${id}`, { apiKey });
      expect(miss.status).toBe(404);
      expect(miss.json.error).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
    }
    expect((await agent("GET", `/v1/agents/lab-results/${runId}`)).status).toBe(401);
  });

  it("reports a failed run with its error and without a result, and frees its slot", async () => {
    const { organizationId, apiKey } = await createTenant();
    await db.organization.update({ where: { id: organizationId }, data: { concurrentRunLimit: 1 } });
    // A run the pipeline failed, written as the pipeline leaves it.
    const failedRun = await db.labResult.create({
      data: {
        organizationId,
        source: "agent_run",
        status: "failed",
        webhookUrl: hook,
        labsReceived: 1,
        labsAnalyzed: 1,
        failureReason: "no lab values could be read",
        completedAt: new Date(),
      },
    });
    const polled = await agent("GET", `/v1/agents/lab-results/${failedRun.id}`, { apiKey });
    const run = agentRunSchema.parse(polled.json);
    expect(run).toMatchObject({ status: "failed", error: { code: "PROCESSING_FAILED", message: "no lab values could be read" } });
    expect(run.result).toBeUndefined();
    expect(run.completedAt).toBe(failedRun.completedAt!.toISOString());

    const next = await agent("POST", "/v1/agents/lab-results", { apiKey, body: seedRequest(hook) });
    expect(next.status).toBe(200);
    expect(concurrency(next.headers)).toEqual({ limit: 1, active: 1, remaining: 0 });
  });
});
