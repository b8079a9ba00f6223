/**
 * A partner's view of the Lab Results Agent: it posts seed 003's example request and its own HTTP endpoint
 * on loopback receives, signed per Standard Webhooks and verified here with the `standardwebhooks` verifier,
 * a status update for each processing step 1–7 and then `labResultsComplete` as step 8, validating against
 * seed 001, with strictly increasing sequence numbers. Driven by the real executor and pipeline.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getSigningSecret } from "@/lib/webhooks";
import { call } from "../support/app";
import { createTenant } from "../support/fixtures";
import { WebhookReceiver } from "../support/webhook-receiver";

const receiver = new WebhookReceiver();

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

/** Seed 001's `labResultsComplete` webhook. */
const citation = z.object({ url: z.url(), title: z.string().min(1), metadata: z.object({ type: z.enum(["pubmed", "guideline"]) }) });
const labResultsComplete = z.object({
  runId: z.uuid(),
  status: z.literal("completed"),
  agent: z.literal("lab-results"),
  timestamp: z.iso.datetime(),
  sequenceNumber: z.literal(8),
  result: z.object({
    labResults: z.array(
      z.object({
        name: z.string(),
        value: z.string(),
        unit: z.string().optional(),
        flag: z.string().optional(),
        referenceRange: z.string().optional(),
        date: z.string().optional(),
        category: z.string().optional(),
      }),
    ),
    patientResponse: z.string().min(1),
    clinicianResponse: z.string().min(1),
    citations: z.object({ patient: z.record(z.string(), citation), clinician: z.record(z.string(), citation) }),
    metadata: z.object({ labsReceived: z.number().int(), labsAnalyzed: z.number().int(), insightsMatched: z.number().int() }),
  }),
});

const SEED_REQUEST = (webhookUrl: string) => ({
  webhookUrl,
  labResults: [
    { name: "Creatinine", value: "1.8 mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15", category: "Renal" },
    { name: "eGFR", value: "38", unit: "mL/min/1.73m2", flag: "Low", referenceRange: ">60 mL/min/1.73m2", date: "2025-01-15", category: "Renal" },
    { name: "Hemoglobin A1c", value: "7.2%", date: "2025-01-15", category: "Metabolic" },
  ],
  patient: { age: "78", gender: "male", conditions: ["Hypertension", "Type 2 diabetes"], medications: ["Lisinopril 10mg", "Metformin 500mg"] },
});

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the Lab Results Agent's webhooks", () => {
  it("delivers steps 1–7 and labResultsComplete, signed, in sequence, matching seed 001", async () => {
    const { organizationId, apiKey } = await createTenant();
    const path = `/hooks/${organizationId}`;
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body: SEED_REQUEST(receiver.url + path) });
    expect(res.status).toBe(200);
    const runId = res.json.runId as string;

    const mine = () => receiver.receipts.filter((r) => JSON.parse(r.body).runId === runId);
    await until("the final webhook", () => (mine().some((r) => JSON.parse(r.body).status === "completed") ? true : undefined));

    const { secret } = await getSigningSecret({ organizationId });
    const verifier = new Webhook(secret);
    const payloads = mine().map((r) => verifier.verify(r.body, r.headers) as { sequenceNumber: number; status: string; step?: { number: number; name: string } });
    expect(payloads.map((p) => p.sequenceNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(payloads.slice(0, 7).map((p) => [p.status, p.step?.number, p.step?.name])).toEqual([
      ["processing", 1, "Processing started"],
      ["processing", 2, "Analyzing lab results"],
      ["processing", 3, "Prioritizing findings"],
      ["processing", 4, "Generating search queries"],
      ["processing", 5, "Searching medical literature and clinical guidelines"],
      ["processing", 6, "Processing search results"],
      ["processing", 7, "Generating responses"],
    ]);
    const complete = labResultsComplete.parse(payloads[7]);
    expect(complete.runId).toBe(runId);
    expect(complete.result.metadata).toMatchObject({ labsReceived: 3, labsAnalyzed: 3 });
    expect(complete.result.metadata.insightsMatched).toBeGreaterThan(0);
    expect(complete.result.clinicianResponse).toContain("KDIGO G3b");
    expect(complete.result.labResults.find((l) => l.name === "eGFR")).toMatchObject({ value: "38", flag: "Low", category: "Renal" });
    // Every citation marker resolves in its own audience's map.
    for (const [text, map] of [[complete.result.patientResponse, complete.result.citations.patient], [complete.result.clinicianResponse, complete.result.citations.clinician]] as const) {
      expect(Object.keys(map).sort()).toEqual([...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))].sort());
    }
    // Each delivery has its own webhook-id; a tampered body fails verification.
    expect(new Set(mine().map((r) => r.headers["webhook-id"])).size).toBe(8);
    const last = mine().at(-1)!;
    expect(() => verifier.verify(last.body.replace('"completed"', '"failed"'), last.headers)).toThrow();

    // Polling the run gives the same result.
    const polled = await call("GET", `/v1/agents/lab-results/${runId}`, { apiKey });
    expect(polled.status).toBe(200);
    expect(polled.json.status).toBe("completed");
    expect(polled.json.result).toEqual((payloads[7] as unknown as { result: unknown }).result);
    // …with the structured findings behind the responses.
    const kidney = (polled.json.findings as { id: string; severity: string; sources: { pmid: string | null }[] }[]).find((f) => f.id === "kidney.ckd-category");
    expect(kidney).toMatchObject({ severity: "high" });
    expect(kidney!.sources.map((s) => s.pmid)).toContain("38490803");
  });
});
