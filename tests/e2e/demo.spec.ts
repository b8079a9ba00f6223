/** `npm run demo` against `npm start`, as the README tells a newcomer to run it. */
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR, E2E_SEED_API_KEY } from "../../playwright.config";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs scripts/demo.ts as `npm run demo` does (tsx), with its output, exit code and a deadline. */
function runDemo(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: ROOT, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("npm run demo takes a panel to ready and verifies every webhook signature of an agent run", async ({ baseURL }) => {
  test.setTimeout(150_000);
  const { code, output } = await runDemo(
    { ...process.env, LABWISE_URL: baseURL, LABWISE_API_KEY: E2E_SEED_API_KEY, LABWISE_DATA_DIR: E2E_DATA_DIR },
    140_000,
  );

  expect(code, output).toBe(0);
  expect(output).toMatch(/status\s+ready after/);
  expect(output).toMatch(/LDL Cholesterol\s+192 mg\/dL\s+High/);
  expect(output).toMatch(/#8\s+labResultsComplete\s+signature ✓/);
  expect(output).not.toContain("signature ✗");
  expect(output).toContain("All 8 webhook signatures verified.");
});
