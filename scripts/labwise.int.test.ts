/** The operator CLI, run as an operator would: a subprocess against the test database. */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { call } from "../tests/support/app";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..");

async function labwise(...args: string[]) {
  const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/labwise.ts"), ...args], {
    cwd: ROOT,
    env: process.env,
  });
  return stdout;
}

describe("npm run labwise", () => {
  it("onboards a tenant: organisation with a first key, a portal user, another key, and revokes one", async () => {
    const created = JSON.parse(await labwise("org:create", "--name", `CLI ${randomUUID().slice(0, 6)}`, "--limit", "3"));
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: created.api_key })).status).toBe(204);

    const user = JSON.parse(await labwise("user:add", "--org", created.organization_id, "--email", `${randomUUID()}@example.org`, "--role", "clinician"));
    expect(user).toMatchObject({ role: "clinician", password: expect.any(String) });

    const readKey = JSON.parse(await labwise("key:create", "--org", created.organization_id, "--name", "reporting", "--scopes", "read"));
    expect(readKey.scopes).toEqual(["read"]);
    expect(await labwise("key:list", "--org", created.organization_id)).toContain(readKey.prefix);

    await labwise("key:revoke", "--org", created.organization_id, "--key", created.api_key_prefix);
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: created.api_key })).status).toBe(401);
    expect((await call("GET", "/v1/diagnostics/auth", { apiKey: readKey.api_key })).status).toBe(204);
  }, 90_000);

  it("fails with a usage message for an unknown command", async () => {
    await expect(labwise("nope")).rejects.toMatchObject({ stderr: expect.stringContaining("unknown command: nope") });
  });
});
