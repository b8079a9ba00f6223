/**
 * Runs once before the test files: checks the database given by the test command (scripts/test.ts) is
 * reachable and migrated, and starts the event sink every worker's Inngest client sends to.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEventSink } from "./event-sink";

export default async function setup() {
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: run the tests with `npm test`, which provides a database");
  }
  const sink = await startEventSink();
  process.env.INNGEST_BASE_URL = sink.url;
  process.env.INNGEST_DEV = "1";
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  process.env.PUBLIC_BASE_URL ??= "http://localhost:3000";
  process.env.STORAGE_DIR ??= await mkdtemp(path.join(os.tmpdir(), "labwise-storage-"));
  return () => sink.close();
}
