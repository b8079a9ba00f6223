/** The operator CLI, run as an operator would: a subprocess against the test database. */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db";
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

    // The agent-run limit is the operator's to change, and the change is in the organisation's audit log.
    expect(await labwise("org:set-limit", "--org", created.organization_id, "--limit", "12")).toContain("3 -> 12");
    expect(await db.organization.findUniqueOrThrow({ where: { id: created.organization_id } })).toMatchObject({ concurrentRunLimit: 12 });
    expect(await db.auditEvent.findFirst({ where: { organizationId: created.organization_id, resourceType: "organization" } })).toMatchObject({
      actorType: "operator_cli",
      action: "update",
      detail: { oldConcurrentRunLimit: 3, newConcurrentRunLimit: 12 },
    });
    await expect(labwise("org:set-limit", "--org", created.organization_id, "--limit", "0")).rejects.toMatchObject({ stderr: expect.stringContaining("The limit must be a whole number from 1 to 1000") });
  }, 120_000);

  it("fails with a usage message for an unknown command", async () => {
    await expect(labwise("nope")).rejects.toMatchObject({ stderr: expect.stringContaining("unknown command: nope") });
  });
});
