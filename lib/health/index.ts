/** Readiness: each dependency the app needs to do its work, checked with a short timeout. */
import { config } from "../config";
import { db } from "../db";
import { storage } from "../storage";

export interface CheckResult {
  ok: boolean;
  error?: string;
}

const TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Any HTTP answer from the Inngest server (embedded executor, dev server, self-hosted or Cloud) counts. */
async function probeExecutor() {
  await fetch(new URL("/health", config().INNGEST_BASE_URL), { signal: AbortSignal.timeout(TIMEOUT_MS) });
}

export async function readiness() {
  const [database, objectStorage, executor] = await Promise.all([
    check(() => db.$queryRaw`SELECT 1`),
    check(() => storage().ping()),
    check(probeExecutor),
  ]);
  const checks = { database, storage: objectStorage, executor };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
