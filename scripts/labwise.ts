/**
 * The operator's command line: onboard a tenant, add portal users, create and revoke API keys.
 *
 *   npm run labwise -- org:create --name "Acme Health" [--limit 7]
 *   npm run labwise -- org:list
 *   npm run labwise -- org:set-limit --org <id> --limit 10
 *   npm run labwise -- user:add --org <id> --email a@b.c --role admin|clinician [--password …]
 *   npm run labwise -- key:create --org <id> [--name …] [--scopes read,write,admin]
 *   npm run labwise -- key:list --org <id>
 *   npm run labwise -- key:revoke --org <id> --key <id or prefix>
 *   npm run labwise -- webhook-secret:show --org <id>
 *   npm run labwise -- webhook-secret:rotate --org <id> [--grace-hours 24]
 *
 * The webhook secret is the organisation's: it signs webhooks to a Lab Results Agent run's own
 * `webhookUrl` (endpoints have their own, rotated through the API). Reads and rotations here are recorded in
 * the audit trail as the operator's, like the API's.
 *
 * Uses DATABASE_URL; without it, the embedded database of `npm run dev` (running or not).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { RUNTIME_FILE, bringUpDatabase } from "./runtime";

const USAGE = `usage: npm run labwise -- <command> [options]
  org:create  --name <name> [--limit <concurrent runs>]
  org:list
  org:set-limit --org <id> --limit <concurrent agent runs>
  user:add    --org <id> --email <email> --role admin|clinician [--name <name>] [--password <password>]
  key:create  --org <id> [--name <name>] [--scopes read,write,admin]
  key:list    --org <id>
  key:revoke  --org <id> --key <key id or prefix>
  webhook-secret:show    --org <id>
  webhook-secret:rotate  --org <id> [--grace-hours <hours the old secret keeps signing, default 24>]`;

const [command, ...rest] = process.argv.slice(2);
const { values: opts } = parseArgs({
  args: rest,
  options: {
    name: { type: "string" },
    limit: { type: "string" },
    org: { type: "string" },
    email: { type: "string" },
    role: { type: "string" },
    password: { type: "string" },
    scopes: { type: "string" },
    key: { type: "string" },
    "grace-hours": { type: "string" },
  },
});

function required(name: keyof typeof opts): string {
  const value = opts[name];
  if (!value) fail(`--${name} is required`);
  return value as string;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

const running = !process.env.DATABASE_URL && existsSync(RUNTIME_FILE) ? JSON.parse(readFileSync(RUNTIME_FILE, "utf8")) : null;
if (running?.databaseUrl) process.env.DATABASE_URL = running.databaseUrl;
const database = await bringUpDatabase({ quiet: true });
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= "x".repeat(32); // not used by these commands; satisfies config validation

const org = await import("../lib/organizations");
const settings = await import("../lib/organizations/settings");
const keys = await import("../lib/auth/api-keys");
const webhooks = await import("../lib/webhooks");
const audit = await import("../lib/audit");

/** The operator's secret reads and rotations, in the same trail as the API's. */
const auditCli = (organizationId: string, action: "read" | "rotate") =>
  audit.recordOperatorAccess(organizationId, { action, resourceType: "webhook_secret", resourceId: organizationId });

try {
  switch (command) {
    case "org:create": {
      const limit = opts.limit ? Number(opts.limit) : undefined;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail("--limit must be a positive integer");
      const { organization, apiKey } = await org.createOrganization({ name: required("name"), concurrentRunLimit: limit });
      console.log(JSON.stringify({ organization_id: organization.id, name: organization.name, api_key: apiKey.key, api_key_prefix: apiKey.prefix }, null, 2));
      console.error("Store the API key now: it is not shown again.");
      break;
    }
    case "org:list":
      for (const o of await org.listOrganizations()) {
        console.log(`${o.id}  ${o.name}  (keys: ${o._count.apiKeys}, users: ${o._count.users}, run limit: ${o.concurrentRunLimit})`);
      }
      break;
    case "org:set-limit": {
      const organizationId = required("org");
      const limit = Number(required("limit"));
      const { previous } = await settings.setConcurrentRunLimit(organizationId, limit);
      await audit.recordOperatorAccess(organizationId, {
        action: "update",
        resourceType: "organization",
        resourceId: organizationId,
        detail: { oldConcurrentRunLimit: previous, newConcurrentRunLimit: limit },
      });
      console.log(`concurrent run limit: ${previous} -> ${limit}`);
      break;
    }
    case "user:add": {
      const role = required("role");
      if (role !== "admin" && role !== "clinician") fail("--role must be admin or clinician");
      const password = opts.password ?? randomBytes(9).toString("base64url");
      const user = await org.addPortalUser({ organizationId: required("org"), email: required("email"), role, name: opts.name, password });
      console.log(JSON.stringify({ user_id: user.id, email: user.email, role: user.role, password }, null, 2));
      break;
    }
    case "key:create": {
      const scopes = opts.scopes?.split(",").map((s) => s.trim());
      if (scopes?.some((s) => !keys.ALL_SCOPES.includes(s as never))) fail("--scopes takes read, write and admin");
      const key = await org.addApiKey({ organizationId: required("org"), name: opts.name ?? "API key", scopes: scopes as never });
      console.log(JSON.stringify({ id: key.id, prefix: key.prefix, scopes: key.scopes, api_key: key.key }, null, 2));
      console.error("Store the API key now: it is not shown again.");
      break;
    }
    case "key:list":
      for (const k of await keys.listApiKeys(required("org"))) {
        console.log(`${k.id}  ${k.prefix}  ${k.name}  [${k.scopes.join(",")}]  ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active"}`);
      }
      break;
    case "key:revoke":
      await keys.revokeApiKey(required("org"), required("key"));
      console.log("revoked");
      break;
    case "webhook-secret:show": {
      const organizationId = required("org");
      const set = await webhooks.getSigningSecret({ organizationId });
      await auditCli(organizationId, "read");
      console.log(JSON.stringify(webhooks.serializeSecretSet(set), null, 2));
      break;
    }
    case "webhook-secret:rotate": {
      const organizationId = required("org");
      const graceHours = opts["grace-hours"] === undefined ? undefined : Number(opts["grace-hours"]);
      if (graceHours !== undefined && !Number.isFinite(graceHours)) fail("--grace-hours must be a number of hours");
      const set = await webhooks.rotateSecret({ organizationId, graceHours });
      await auditCli(organizationId, "rotate");
      console.log(JSON.stringify(webhooks.serializeSecretSet(set), null, 2));
      console.error("Give the new secret to whoever verifies your webhooks; the old one keeps signing until previousSecretExpiresAt.");
      break;
    }
    default:
      fail(command ? `unknown command: ${command}` : "no command given");
  }
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  const { db } = await import("../lib/db");
  await db.$disconnect();
  await database.stop();
  // The schema engine leaves a 10 s lock-timeout timer behind after migrating; nothing else is pending.
  process.exit();
}
