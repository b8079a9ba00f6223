/**
 * `npm run dev` / `npm start`: the whole product on its embedded defaults, one command.
 * Brings up the database (embedded PostgreSQL under .data/ unless DATABASE_URL is set), applies migrations,
 * seeds the demo organisation, starts the embedded Inngest executor (unless an external Inngest is
 * configured), prints how to sign in and the API key, then runs Next.js. Ctrl-C stops Next, the executor
 * and then the database, cleanly; the next start reuses the data and resumes unfinished runs.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { ConfigError, startupConfigurationError } from "../lib/config";
import { freePort } from "../lib/db/embedded";
import { DATA_DIR, ROOT, RUNTIME_FILE, authSecret, bringUpDatabase, executorKeys, writePrivateFile } from "./runtime";

/** A configuration error is one line naming the variable and what it must look like: no stack trace. */
function exitWithConfigurationError(message: string): never {
  console.error(message);
  process.exit(1);
}

/** For what is read from the data directory before anything starts: its ConfigError is reported as such. */
function orConfigurationError(error: unknown): never {
  if (error instanceof ConfigError) exitWithConfigurationError(error.message);
  throw error;
}

// Before anything starts (the database, the executor, Next): the whole environment, as the app will see it.
const configurationError = startupConfigurationError();
if (configurationError) exitWithConfigurationError(configurationError);

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;
const credentialsFile = path.join(DATA_DIR, "demo-credentials.json");

if (mode === "start" && !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("No production build found: run `npm run build` first (or `npm run dev`).");
  process.exit(1);
}

const secret = await authSecret().catch(orConfigurationError);
const externalInngest = Boolean(process.env.INNGEST_SIGNING_KEY) || process.env.LABWISE_EXECUTOR === "external";
const keys = externalInngest ? null : await executorKeys().catch(orConfigurationError);

const database = await bringUpDatabase();
Object.assign(process.env, {
  DATABASE_URL: database.url,
  AUTH_SECRET: secret,
  AUTH_URL: process.env.AUTH_URL ?? publicBaseUrl,
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
  PUBLIC_BASE_URL: publicBaseUrl,
  // Without an SMTP server, sign-in links and invitations are printed to this log and kept in this file too.
  MAIL_OUTBOX_FILE: process.env.MAIL_OUTBOX_FILE || path.join(DATA_DIR, "mail-outbox.jsonl"),
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
});

// The embedded executor, unless the deployment points at Inngest Cloud, a self-hosted Inngest server or
// Inngest's dev server. Either way the app's serve endpoint only runs signed calls (inngest/client.ts).
const { startExecutor } = await import("../inngest/executor");
const executor = keys
  ? await startExecutor({ port: await freePort(Number(new URL(process.env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288").port)), keys })
  : null;
if (executor && keys) {
  Object.assign(process.env, {
    INNGEST_BASE_URL: executor.url,
    INNGEST_SIGNING_KEY: keys.signingKey,
    INNGEST_EVENT_KEY: keys.eventKey,
    // The executor calls the app on loopback, whatever its public address; never from a request's Host.
    INNGEST_SERVE_ORIGIN: process.env.INNGEST_SERVE_ORIGIN ?? `http://127.0.0.1:${port}`,
  });
  delete process.env.INNGEST_DEV;
}

const { seedDemoOrganization } = await import("../lib/organizations");
const seeded = await seedDemoOrganization(process.env.SEED_API_KEY);
if (seeded) await writePrivateFile(credentialsFile, JSON.stringify(seeded, null, 2));
const demo = existsSync(credentialsFile) ? JSON.parse(await readFile(credentialsFile, "utf8")) : null;
// The embedded database's URL carries its password: readable by the owner only.
await writePrivateFile(RUNTIME_FILE, JSON.stringify({ databaseUrl: database.embedded ? database.url : null, pid: process.pid }));

const apiKey = process.env.SEED_API_KEY ?? demo?.apiKey;
console.log(`
Labwise (${mode}) — ${publicBaseUrl}
  database   ${database.embedded ? `embedded PostgreSQL, data in ${path.relative(ROOT, DATA_DIR)}/postgres` : "DATABASE_URL"}
  executor   ${executor ? `embedded Inngest executor at ${executor.url}` : `external Inngest (${process.env.INNGEST_BASE_URL ?? "Inngest Cloud"})`}
  API docs   ${publicBaseUrl}/docs
${
  demo
    ? `  sign in    ${demo.adminEmail} / ${demo.adminPassword}  (admin)
             ${demo.clinicianEmail} / ${demo.clinicianPassword}  (clinician)`
    : "  sign in    demo users were created earlier; their passwords are not stored (npm run labwise -- user:add …)"
}
  mail       ${
    process.env.EMAIL_SERVER
      ? `sent by SMTP (EMAIL_SERVER) from ${process.env.EMAIL_FROM ?? "Labwise <no-reply@localhost>"}`
      : `no EMAIL_SERVER: sign-in links and invitations are printed below, on lines starting
             "[mail] SIGN-IN LINK" or "[mail] INVITATION LINK", and appended to ${process.env.MAIL_OUTBOX_FILE}`
  }
  API key    ${apiKey ?? "(set SEED_API_KEY, or create one: npm run labwise -- key:create --org <id>)"}
  try it     curl -H "X-Api-Key: ${apiKey ?? "<key>"}" ${publicBaseUrl}/v1/diagnostics/auth -i
`);

const next = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), mode, "-p", String(port), "-H", host], {
  stdio: "inherit",
  env: process.env,
});

// Registers the app's functions with the executor once Next answers (the SDK registers on PUT).
executor?.syncApp(`${process.env.INNGEST_SERVE_ORIGIN}/api/inngest`).catch((error) => console.error(`[executor] ${error.message}`));

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) {
    next.kill("SIGTERM");
    await new Promise((resolve) => next.once("exit", resolve));
  }
  await executor?.stop();
  await database.stop();
  await rm(RUNTIME_FILE, { force: true });
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
