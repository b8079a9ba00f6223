/**
 * `npm run dev` with a bad environment: one line on stderr naming the variable and the form it must take,
 * exit code 1, no stack trace, and nothing started. DATABASE_URL points at a port nobody listens on, so a
 * check made after the database was reached would fail with a connection error instead.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function runDev(env: Record<string, string | undefined>, prepare?: (dataDir: string) => Promise<void>) {
  const parent = await mkdtemp(path.join(os.tmpdir(), "labwise-run-config-"));
  dirs.push(parent);
  const dataDir = path.join(parent, "data");
  await prepare?.(dataDir);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LABWISE_DATA_DIR: dataDir, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/unreachable" };
  delete childEnv.AUTH_SECRET;
  delete childEnv.SEED_API_KEY;
  delete childEnv.INNGEST_SIGNING_KEY;
  delete childEnv.INNGEST_EVENT_KEY;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  }
  // node --import tsx, as crash.int.test.ts does: the run command's own process, no npm wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/run.ts"), "dev"], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stdout, stderr, dataDir };
}

function expectOneLine(result: Awaited<ReturnType<typeof runDev>>, ...patterns: RegExp[]) {
  expect(result.code).toBe(1);
  const lines = result.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  for (const pattern of patterns) expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toContain("    at ");
  expect(result.stdout).toBe("");
}

describe("npm run dev with a bad configuration", () => {
  it("says in one line what SEED_API_KEY must look like, and starts nothing", async () => {
    const result = await runDev({ SEED_API_KEY: "bad" });
    expectOneLine(result, /SEED_API_KEY/, /lw_<8 lowercase letters or digits>_/);
    expect(result.stderr).not.toContain("bad");
    expect(existsSync(result.dataDir)).toBe(false);
  });

  it("says PORT must be a TCP port", async () => {
    expectOneLine(await runDev({ PORT: "eighty" }), /PORT must be a TCP port/);
  });

  it("says AUTH_SECRET must be at least 32 characters, without printing it", async () => {
    const result = await runDev({ AUTH_SECRET: "too-short-secret" });
    expectOneLine(result, /AUTH_SECRET must be at least 32 characters/);
    expect(result.stderr).not.toContain("too-short-secret");
  });

  it("names every bad variable of the validated configuration on the same line", async () => {
    expectOneLine(await runDev({ MEMBER_TOKEN_TTL_SECONDS: "5", STORAGE_DRIVER: "ftp" }), /MEMBER_TOKEN_TTL_SECONDS must be a whole number of seconds from 60 to 86400; STORAGE_DRIVER must be local or s3/);
  });

  it("reports a kept AUTH_SECRET that was cut short as a configuration error", async () => {
    const result = await runDev({}, async (dataDir) => {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(dataDir, { recursive: true });
      await writeFile(path.join(dataDir, "auth-secret"), "short\n");
    });
    expectOneLine(result, /AUTH_SECRET is unset and .*auth-secret holds fewer than 32 characters/);
  });
});
