/**
 * How `npm run eval` runs a case through the real pipeline: a database as `npm test` provides it, the
 * executor and Inngest endpoint of the integration tests (tests/support/global-setup.ts), the app's route
 * handlers called in-process, and a loopback receiver for the agent's webhooks. Each surface returns the
 * same `Outcome`: what a clinician or partner sees of the lab.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { EvalCase, Outcome } from "./score";

const EVAL_DIR = import.meta.dirname;

const CONTENT_TYPES: Record<string, string> = {
  hl7: "application/hl7-v2",
  json: "application/fhir+json",
  pdf: "application/pdf",
  csv: "text/csv",
  png: "image/png",
};
/** Database, executor, Inngest endpoint and webhook receiver; `down()` stops them and drops the database. */
export async function bringUp() {
  const { bringUpDatabase } = await import("../scripts/runtime");
  const { dropDatabase, withDatabase } = await import("../lib/db/migrate");
  const scratch = await mkdtemp(path.join(os.tmpdir(), "labwise-eval-"));
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) process.env.DATABASE_URL = withDatabase(serverUrl, `labwise_eval_${randomBytes(4).toString("hex")}`);
  const database = await bringUpDatabase({ dataDir: path.join(scratch, "postgres"), persistent: false, quiet: true });
  process.env.DATABASE_URL = database.url;
  process.env.STORAGE_DIR = path.join(scratch, "storage");
  // The same executor, Inngest endpoint and environment the integration tests run the pipeline with.
  const { default: setup } = await import("../tests/support/global-setup");
  const teardown = await setup();
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return {
    hook: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    async down() {
      // The reads' audit rows are written in batches after the answer: write the last ones while the database is here.
      const { flushAuditQueue } = await import("../lib/audit/buffer");
      await flushAuditQueue();
      await teardown();
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
      await database.stop();
      if (serverUrl) await dropDatabase(database.url);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A file through the member upload API, polled until ready or failed. */
export async function viaMember(spec: EvalCase): Promise<Outcome> {
  const { createMember, createTenant, uploadFile } = await import("../tests/support/fixtures");
  const { call } = await import("../tests/support/app");
  const member = await createMember((await createTenant()).apiKey);
  const file = spec.file!;
  const bytes = await readFile(path.join(EVAL_DIR, "files", file));
  const contentType = spec.content_type ?? CONTENT_TYPES[file.split(".").pop()!.toLowerCase()] ?? "application/octet-stream";
  const { fileUrl } = await uploadFile(member.token, bytes, contentType, path.basename(file));
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const labId = registered.json.data.lab_result_id as string;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    const lab: Json = res.json.data;
    if (lab.status === "ready" || lab.status === "failed") {
      return {
        status: lab.status,
        failureReason: lab.failure_reason,
        analytes: (lab.analytes as Json[]).map((a) => ({
          name: a.name,
          displayName: a.display_name,
          loinc: a.loinc,
          value: a.value,
          valueNumber: a.value_number,
          unit: a.unit,
          normalizedValue: a.normalized_value,
          normalizedUnit: a.normalized_unit,
          flag: a.flag,
          resultStatus: a.result_status ?? a.status ?? null,
          derived: a.derived,
          observedAt: a.observed_at,
        })),
        findingTitles: (lab.findings as Json[]).map((f) => f.title),
        trends: (lab.trends as Json[]).map((t) => ({ name: t.name, code: t.code, previous: t.previous, current: t.current })),
        patientText: lab.patient_response ?? "",
        clinicianText: lab.clinician_response ?? "",
        citations: lab.citations ?? { patient: {}, clinician: {} },
      };
    }
    if (Date.now() > deadline) throw new Error(`still ${lab.status} after 180 s`);
    await sleep(150);
  }
}

/** An agent request (seed 003's body with its patient context), polled until the run completes. */
export async function viaAgent(spec: EvalCase, hook: string): Promise<Outcome> {
  const { createTenant } = await import("../tests/support/fixtures");
  const { call } = await import("../tests/support/app");
  const { apiKey } = await createTenant();
  const body = { ...JSON.parse(await readFile(path.join(EVAL_DIR, "files", spec.request!), "utf8")), webhookUrl: hook };
  const accepted = await call("POST", "/v1/agents/lab-results", { apiKey, body });
  if (accepted.status !== 200 && accepted.status !== 202) throw new Error(`agent answered ${accepted.status}: ${accepted.text}`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const run: Json = (await call("GET", `/v1/agents/lab-results/${accepted.json.runId}`, { apiKey })).json;
    if (run.status !== "processing") {
      const result: Json = run.result ?? {};
      return {
        status: run.status,
        failureReason: run.error?.message ?? null,
        analytes: ((result.labResults ?? []) as Json[]).map((a) => ({
          name: a.name,
          value: a.value,
          valueNumber: Number.isFinite(Number.parseFloat(a.value)) ? Number.parseFloat(a.value) : null,
          unit: a.unit ?? null,
          flag: a.flag ?? null,
          resultStatus: a.status ?? null,
          observedAt: a.date ?? null,
        })),
        findingTitles: ((run.findings ?? []) as Json[]).map((f) => f.title),
        patientText: result.patientResponse ?? "",
        clinicianText: result.clinicianResponse ?? "",
        citations: result.citations ?? { patient: {}, clinician: {} },
      };
    }
    if (Date.now() > deadline) throw new Error("run still processing after 180 s");
    await sleep(150);
  }
}
