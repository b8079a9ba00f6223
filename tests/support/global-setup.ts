/**
 * Runs once before the test files: the embedded executor (the real one) and the app's real Inngest
 * endpoint it drives, so a lab registered by any test is processed as it would be by `npm run dev`.
 * Environment set here is inherited by the test workers.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export default async function setup() {
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: run the tests with `npm test`, which provides a database");
  }
  // `npm test` migrates its database; a direct `vitest run` against any DATABASE_URL should work too.
  const { applyMigrations } = await import("../../lib/db/migrate");
  await applyMigrations(process.env.DATABASE_URL);
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  process.env.PUBLIC_BASE_URL ??= "http://localhost:3000";
  process.env.STORAGE_DIR ??= await mkdtemp(path.join(os.tmpdir(), "labwise-storage-"));
  // Webhook receivers in tests listen on loopback; retries are quick so dead-lettering is testable.
  process.env.WEBHOOK_ALLOWED_HOSTS ??= "127.0.0.1";
  process.env.WEBHOOK_RETRY_SCHEDULE ??= "0,100ms,200ms";
  process.env.WEBHOOK_TIMEOUT_MS ??= "2000";

  // The pipeline runs as in production: the executor signs every call and the SDK verifies it.
  const { generateExecutorKeys } = await import("../../inngest/executor/signing");
  const keys = generateExecutorKeys();
  delete process.env.INNGEST_DEV;
  Object.assign(process.env, { INNGEST_SIGNING_KEY: keys.signingKey, INNGEST_EVENT_KEY: keys.eventKey });
  const { startExecutor } = await import("../../inngest/executor");
  const executor = await startExecutor({ port: 0, scope: `tests-${process.pid}`, backoffBaseMs: 50, log: () => {}, keys });
  process.env.INNGEST_BASE_URL = executor.url;
  const { serveInngestRoute } = await import("./serve-app");
  const app = await serveInngestRoute(() => import("../../app/api/inngest/route"));
  await executor.syncApp(app.url, { timeoutMs: 20_000 });

  return async () => {
    await executor.stop();
    await app.close();
  };
}
