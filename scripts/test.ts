/**
 * `npm test`: every test, on a real PostgreSQL.
 * With DATABASE_URL set (CI: the machine's server), tests run in a fresh database created on that server
 * and dropped afterwards; otherwise an embedded PostgreSQL is started in a throw-away directory and removed. Then: the unit and integration suites (Vitest),
 * a production build, the browser and HTTP end-to-end suite (Playwright on Debian's Chromium against
 * `npm start`), and the fault suite (`npm run test:chaos`: kill -9 of each process, PostgreSQL restarted under
 * load, a webhook receiver down, two app processes). `npm test -- --skip-e2e` stops after Vitest.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dropDatabase, withDatabase } from "../lib/db/migrate";
import { ROOT, bringUpDatabase } from "./runtime";

const skipE2e = process.argv.includes("--skip-e2e");
const scratch = await mkdtemp(path.join(os.tmpdir(), "labwise-test-"));
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) process.env.DATABASE_URL = withDatabase(serverUrl, `labwise_test_${randomBytes(4).toString("hex")}`);
const database = await bringUpDatabase({ dataDir: path.join(scratch, "postgres"), persistent: false, quiet: true });

const env = {
  ...process.env,
  DATABASE_URL: database.url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "test-secret-test-secret-test-secret-0123",
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  LABWISE_TEST_SCRATCH: scratch,
};

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
let code = await run(bin("vitest"), ["run"]);
if (code === 0 && !skipE2e) code = await run("npm", ["run", "build"]);
if (code === 0 && !skipE2e) code = await run(bin("playwright"), ["test"]);
// The fault suite starts deployments of its own (embedded PostgreSQL, executor, app processes) on the build.
if (code === 0 && !skipE2e) code = await run(bin("vitest"), ["run", "--config", "vitest.chaos.config.ts"]);

await database.stop();
if (serverUrl) await dropDatabase(database.url);
await rm(scratch, { recursive: true, force: true });
process.exit(code);
