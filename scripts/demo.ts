/**
 * `npm run demo`: what a partner does and sees, against a running Labwise (`npm run dev` or `npm start`).
 *
 *   1. The member upload flow: a member token, a signed upload URL, the PUT of a small CSV panel, the
 *      registration, polling until the lab is ready; then its flags, findings and the first lines of the
 *      patient and clinician Markdown.
 *   2. A Lab Results Agent run whose webhookUrl is a receiver this script starts on 127.0.0.1: every webhook
 *      until labResultsComplete, each verified with `standardwebhooks` as a partner would verify it.
 *
 * The app must allow the loopback receiver: start it with WEBHOOK_ALLOWED_HOSTS=127.0.0.1. There is no API
 * yet through which a partner reads the organisation's agent-run signing secret (it comes with a later
 * issue), so this script reads it from the app's database through lib/webhooks and says so.
 *
 * Environment: LABWISE_URL (default http://localhost:$PORT, PORT 3000); the API key from LABWISE_API_KEY,
 * SEED_API_KEY or the app's demo-credentials.json; the data directory LABWISE_DATA_DIR (default .data),
 * whose runtime.json names the embedded database (else DATABASE_URL) and whose auth-secret opens the sealed
 * secret (else AUTH_SECRET or ENCRYPTION_KEY, as the app was given). Exit 0 on success, 1 with one line.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.resolve(ROOT, process.env.LABWISE_DATA_DIR ?? ".data");
const BASE = (process.env.LABWISE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const WAIT_MS = 90_000;
const ALLOW_RECEIVER = "start the app with WEBHOOK_ALLOWED_HOSTS=127.0.0.1 (e.g. `WEBHOOK_ALLOWED_HOSTS=127.0.0.1 npm run dev`) and run `npm run demo` again";

/**
 * A 68-year-old man's panel: renal, potassium, glycaemia and lipids, each outside its range. A CSV states no
 * age or sex, so the upload is read without them; the agent run sends them as patient context (eGFR follows).
 */
const PANEL = [
  { name: "Creatinine", value: "1.8", unit: "mg/dL", range: "0.7-1.3" },
  { name: "Potassium", value: "5.9", unit: "mmol/L", range: "3.5-5.1" },
  { name: "Hemoglobin A1c", value: "6.8", unit: "%", range: "<5.7" },
  { name: "LDL Cholesterol", value: "192", unit: "mg/dL", range: "<100" },
];
const CSV = ["Test,Result,Unit,Reference Range", ...PANEL.map((r) => `${r.name},${r.value},${r.unit},${r.range}`)].join("\n") + "\n";
const PATIENT = { age: "68", gender: "male", conditions: ["Hypertension"], medications: ["Lisinopril 10mg"] };

/** A failure the demo explains in one line. */
class DemoError extends Error {}

const readJson = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const firstLines = (markdown: string | null | undefined, count: number) =>
  (markdown ?? "").split("\n").filter((line) => line.trim()).slice(0, count).map((line) => `      ${line.length > 110 ? `${line.slice(0, 107)}…` : line}`);
const short = (id: string) => `${id.slice(0, 8)}…`;

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as the API answers it, read field by field
  headers: Headers;
}

/** The error an answer carries, in the member (`detail`) or partner/agent (`error`) shape. */
function problem(body: Answer["body"]): string {
  if (typeof body?.detail === "string") return body.detail;
  if (Array.isArray(body?.detail)) return body.detail.map((d: { loc: string[]; msg: string }) => `${d.loc.join(".")}: ${d.msg}`).join("; ");
  const issues = body?.error?.details?.issues as { loc: string[]; msg: string }[] | undefined;
  return [body?.error?.message, ...(issues ?? []).map((i) => `${i.loc.join(".")}: ${i.msg}`)].filter(Boolean).join("; ") || JSON.stringify(body);
}

async function call(method: string, url: string, headers: Record<string, string>, body?: string | object): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url.startsWith("http") ? url : `${BASE}${url}`, {
      method,
      headers: typeof body === "object" ? { ...headers, "content-type": "application/json" } : headers,
      body: typeof body === "object" ? JSON.stringify(body) : body,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new DemoError(`no Labwise answers at ${BASE} (${cause}): ${ALLOW_RECEIVER.replace("and run", "or set LABWISE_URL, and run")}`);
  }
  const text = await response.text();
  let parsed: Answer["body"] = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

function expectStatus(answer: Answer, status: number, what: string): Answer["body"] {
  if (answer.status !== status) throw new DemoError(`${what} answered ${answer.status}: ${problem(answer.body)}`);
  return answer.body;
}

function apiKey(): string {
  const key = process.env.LABWISE_API_KEY ?? process.env.SEED_API_KEY ?? readJson(path.join(DATA_DIR, "demo-credentials.json"))?.apiKey;
  if (!key) throw new DemoError(`no API key: set LABWISE_API_KEY, or LABWISE_DATA_DIR to the app's data directory (${DATA_DIR.startsWith(ROOT) ? path.relative(ROOT, DATA_DIR) || "." : DATA_DIR} has no demo-credentials.json)`);
  return key;
}

async function memberUploadFlow(key: string) {
  console.log("Member upload flow");
  const externalId = `demo-patient-${randomBytes(3).toString("hex")}`;
  const token = expectStatus(await call("POST", "/v1/auth/token", { "X-Api-Key": key }, { external_id: externalId, create: true }), 200, "POST /v1/auth/token").data;
  const member = { Authorization: `Bearer ${token.access_token}` };
  console.log(`  member token   ${externalId} → user ${short(token.user_id)}, valid ${token.expires_in} s`);

  const upload = expectStatus(
    await call("POST", "/v1/uploads", member, { filename: "panel.csv", content_type: "text/csv", size: Buffer.byteLength(CSV) }),
    201,
    "POST /v1/uploads",
  ).data;
  const stored = expectStatus(await call("PUT", upload.upload_url, upload.headers, CSV), 200, "PUT of the signed upload URL").data;
  console.log(`  upload         PUT ${stored.size} bytes to the signed URL, sha256 ${stored.sha256.slice(0, 12)}…`);

  const registered = expectStatus(
    await call("POST", `/v1/users/${token.user_id}/labs/upload`, member, { file_url: upload.file_url }),
    202,
    "POST /v1/users/{user_id}/labs/upload",
  ).data;
  console.log(`  registered     lab ${short(registered.lab_result_id)} ${registered.status}, workflow ${registered.workflow_id ?? "none (no executor reachable)"}`);

  const started = Date.now();
  let lab: Answer["body"];
  do {
    await sleep(250);
    lab = expectStatus(await call("GET", `/v1/users/${token.user_id}/labs/${registered.lab_result_id}`, member), 200, "GET the lab").data;
  } while (!["ready", "failed"].includes(lab.status) && Date.now() - started < WAIT_MS);
  if (lab.status === "failed") throw new DemoError(`the lab failed: ${lab.failure_reason}`);
  if (lab.status !== "ready") throw new DemoError(`the lab is still ${lab.status} after ${WAIT_MS / 1000} s: is the executor running? (GET /v1/users/${token.user_id}/jobs/${registered.workflow_id})`);
  console.log(`  status         ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  console.log("  flags");
  for (const a of lab.analytes) {
    console.log(`    ${a.name.padEnd(18)} ${`${a.value} ${a.unit ?? ""}`.padEnd(14)} ${(a.flag ?? "—").padEnd(8)} range ${a.reference_range ?? "—"}`);
  }
  console.log("  findings");
  for (const f of lab.findings) console.log(`    ${f.severity.padEnd(10)} ${f.title}`);
  console.log(["  patient Markdown (first lines)", ...firstLines(lab.patient_response, 4)].join("\n"));
  console.log(["  clinician Markdown (first lines)", ...firstLines(lab.clinician_response, 4)].join("\n"));
}

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A partner's endpoint on loopback: records every POST, answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  let notify = () => {};
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    notify();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/labwise-demo`;
  /** Resolves when `done` holds for what has arrived, or after `ms`. */
  const until = (done: (all: Received[]) => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      notify = () => done(received) && (clearTimeout(timer), resolve());
      notify();
    });
  const stop = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return { url, received, until, stop };
}

/**
 * The organisation's agent-run signing secret, read from the app's database: a stand-in for the secret API a
 * partner will use (a later issue). Needs the app's database URL and the key its secrets are sealed under.
 */
async function readAgentRunSecret(key: string): Promise<string> {
  const databaseUrl = readJson(path.join(DATA_DIR, "runtime.json"))?.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new DemoError(`cannot read the signing secret: no running app's runtime.json in ${DATA_DIR} and no DATABASE_URL (set the app's LABWISE_DATA_DIR or DATABASE_URL)`);
  }
  process.env.DATABASE_URL = databaseUrl;
  const authSecretFile = path.join(DATA_DIR, "auth-secret");
  if (!process.env.AUTH_SECRET && existsSync(authSecretFile)) process.env.AUTH_SECRET = readFileSync(authSecretFile, "utf8").trim();
  const { authenticateApiKey } = await import("../lib/auth/api-keys");
  const { getSigningSecret } = await import("../lib/webhooks");
  const { db } = await import("../lib/db");
  try {
    const principal = await authenticateApiKey(key);
    if (!principal) throw new DemoError("the API key is not known to the database the demo reads: set LABWISE_DATA_DIR or DATABASE_URL to the app's");
    return (await getSigningSecret({ organizationId: principal.organizationId })).secret;
  } catch (error) {
    if (error instanceof DemoError) throw error;
    throw new DemoError(`cannot read the signing secret from the app's database: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    await db.$disconnect();
  }
}

async function agentRun(key: string) {
  console.log("\nLab Results Agent run");
  const receiver = await startReceiver();
  try {
    console.log(`  receiver       ${receiver.url}`);
    const answer = await call("POST", "/v1/agents/lab-results", { "X-Api-Key": key }, {
      webhookUrl: receiver.url,
      labResults: PANEL.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, referenceRange: `${r.range} ${r.unit}`, date: new Date().toISOString().slice(0, 10) })),
      patient: PATIENT,
    });
    const urlIssue = (answer.body?.error?.details?.issues ?? []).find((i: { loc: string[] }) => i.loc.includes("webhookUrl"));
    if (answer.status === 400 && urlIssue) throw new DemoError(`the app refuses the local receiver (${urlIssue.msg}): ${ALLOW_RECEIVER}`);
    const run = expectStatus(answer, 200, "POST /v1/agents/lab-results");
    console.log(
      `  run            ${short(run.runId)} ${run.status}, ${run.labsAnalyzed} of ${run.labsReceived} labs analysed ` +
        `(${answer.headers.get("x-concurrent-active")} of ${answer.headers.get("x-concurrent-limit")} concurrent runs)`,
    );

    const isFinal = (r: Received) => ["completed", "failed"].includes(JSON.parse(r.body).status);
    await receiver.until((all) => all.some(isFinal), WAIT_MS);
    const final = receiver.received.find(isFinal);
    if (!final) throw new DemoError(`no final webhook within ${WAIT_MS / 1000} s (${receiver.received.length} arrived): GET /v1/agents/lab-results/${run.runId}`);

    const secret = await readAgentRunSecret(key);
    console.log("  signing secret the organisation's agent-run secret, read from the app's database by this demo:");
    console.log("                 the API through which a partner fetches it comes with a later issue");
    console.log("  webhooks as the partner received them");
    const verifier = new Webhook(secret);
    const unique = [...new Map(receiver.received.map((r) => [r.headers["webhook-id"], r])).values()];
    let verified = 0;
    for (const delivery of unique.sort((a, b) => JSON.parse(a.body).sequenceNumber - JSON.parse(b.body).sequenceNumber)) {
      let ok = true;
      try {
        verifier.verify(delivery.body, delivery.headers);
        verified++;
      } catch {
        ok = false;
      }
      const payload = JSON.parse(delivery.body);
      const what = payload.step ? `${payload.step.number} ${payload.step.name}` : payload.status === "completed" ? "labResultsComplete" : `labResultsFailed: ${payload.error?.message}`;
      console.log(`    #${String(payload.sequenceNumber).padEnd(3)} ${what.padEnd(56)} signature ${ok ? "✓" : "✗"}`);
    }
    const payload = JSON.parse(final.body);
    if (payload.status !== "completed") throw new DemoError(`the run failed: ${payload.error?.message}`);
    const { metadata, citations, patientResponse } = payload.result;
    console.log(`  result         ${metadata.labsAnalyzed} labs analysed, ${metadata.insightsMatched} guidance claims matched, ${Object.keys(citations?.patient ?? {}).length} patient and ${Object.keys(citations?.clinician ?? {}).length} clinician citations`);
    console.log(["  patientResponse (first lines)", ...firstLines(patientResponse, 3)].join("\n"));
    if (verified !== unique.length) throw new DemoError(`${unique.length - verified} of ${unique.length} webhook signatures did not verify`);
    console.log(`\nAll ${unique.length} webhook signatures verified.`);
  } finally {
    await receiver.stop();
  }
}

try {
  const key = apiKey();
  console.log(`Labwise demo against ${BASE} (API key ${key.split("_").slice(0, 2).join("_")}_…)\n`);
  await memberUploadFlow(key);
  await agentRun(key);
  process.exit(0);
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof DemoError ? error.message : ((error as Error).stack ?? String(error)).split("\n")[0]}`);
  process.exit(1);
}
