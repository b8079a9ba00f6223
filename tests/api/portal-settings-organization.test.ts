/**
 * The portal's organisation endpoint (`/api/portal/settings/organization`): an admin reads the name, the
 * agent-run concurrency limit and this month's usage (a processed lab counted on its UTC day), and renames
 * the organisation — audited with the old and the new name. The limit cannot be changed here. A clinician is
 * refused (403), bad names are a 400, and another organisation's usage never shows.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalOrganization } from "@/lib/organizations/settings-schemas";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createPortalUser, createTenant, registerLab } from "../support/fixtures";

const ORGANIZATION = "/api/portal/settings/organization";

async function admin() {
  const { organizationId, apiKey } = await createTenant(`Clinic ${randomUUID().slice(0, 8)}`);
  const { cookie, userId } = await createPortalUser(organizationId, "admin");
  return { organizationId, apiKey, cookie, userId };
}

async function read(cookie: string) {
  const res = await call("GET", ORGANIZATION, { cookie });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return res.json.data as PortalOrganization;
}

describe("portal organisation endpoint", () => {
  it("shows the name, the agent-run limit and this month's usage, counting a processed lab on today's UTC day", async () => {
    const { organizationId, apiKey, cookie } = await admin();
    const before = await read(cookie);
    const today = new Date().toISOString().slice(0, 10);
    expect(before).toMatchObject({ id: organizationId, concurrentRunLimit: 7, usage: { month: today.slice(0, 7), totals: { labsProcessed: 0, agentRuns: 0, webhooksDelivered: 0 } } });
    expect(before.usage.days.at(-1)?.date).toBe(today);
    expect(before.usage.days[0].date).toBe(`${today.slice(0, 7)}-01`);

    const member = await createMember(apiKey);
    const lab = await registerLab(member.userId, member.token);
    await eventually(async () => expect((await db.labResult.findUniqueOrThrow({ where: { id: lab.lab_result_id } })).status).toMatch(/ready|failed/), 30_000, 100);
    const after = await read(cookie);
    expect(after.usage.totals.labsProcessed).toBe(1);
    expect(after.usage.days.at(-1)).toMatchObject({ date: today, labsProcessed: 1 });

    // Another organisation's usage is its own.
    const other = await admin();
    expect((await read(other.cookie)).usage.totals.labsProcessed).toBe(0);
  });

  it("renames the organisation and audits the old and the new name; the limit stays as the operator set it", async () => {
    const { organizationId, cookie, userId } = await admin();
    const { name: oldName } = await read(cookie);
    const requestId = `rename-${randomUUID()}`;
    const res = await call("PATCH", ORGANIZATION, { cookie, body: { name: "  Northside Clinic  ", concurrentRunLimit: 99 }, headers: { "x-request-id": requestId } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ id: organizationId, name: "Northside Clinic", previousName: oldName });
    expect(await read(cookie)).toMatchObject({ name: "Northside Clinic", concurrentRunLimit: 7 });

    const row = await eventually(async () => {
      const rows = await db.auditEvent.findMany({ where: { organizationId, requestId } });
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(row).toMatchObject({ actorType: "portal_user", actorId: userId, action: "update", resourceType: "organization", resourceId: organizationId, detail: { oldName, newName: "Northside Clinic" } });
  });

  it("refuses an empty or overlong name, or no name, with a 400", async () => {
    const { cookie } = await admin();
    const { name } = await read(cookie);
    for (const body of [{ name: "" }, { name: "   " }, { name: "x".repeat(201) }, {}, { name: 42 }]) {
      const res = await call("PATCH", ORGANIZATION, { cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
    }
    expect((await read(cookie)).name).toBe(name);
  });

  it("refuses a clinician with 403 on reading and renaming, and a visitor with 401", async () => {
    const { organizationId, cookie } = await admin();
    const { name } = await read(cookie);
    const clinician = await createPortalUser(organizationId, "clinician");
    expect((await call("GET", ORGANIZATION, { cookie: clinician.cookie })).status).toBe(403);
    expect((await call("PATCH", ORGANIZATION, { cookie: clinician.cookie, body: { name: "Taken over" } })).status).toBe(403);
    expect((await call("GET", ORGANIZATION)).status).toBe(401);
    expect((await read(cookie)).name).toBe(name);
  });

  it("audits reading the organisation page", async () => {
    const { organizationId, cookie, userId } = await admin();
    const requestId = `read-${randomUUID()}`;
    expect((await call("GET", ORGANIZATION, { cookie, headers: { "x-request-id": requestId } })).status).toBe(200);
    await eventually(async () =>
      expect(await db.auditEvent.findMany({ where: { requestId } })).toMatchObject([{ organizationId, actorId: userId, action: "read", resourceType: "organization", resourceId: organizationId }]),
    );
  });

  it("answers 405 with Allow for a method the endpoint does not have", async () => {
    const { cookie } = await admin();
    const res = await call("DELETE", ORGANIZATION, { cookie });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, PATCH");
  });
});
