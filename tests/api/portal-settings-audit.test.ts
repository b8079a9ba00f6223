/**
 * The portal's audit-log endpoints (`/api/portal/settings/audit*`): an admin finds who read a patient's result
 * by filtering on its id (a member through the API and a clinician through the portal, each named), filters by
 * actor (e-mail, key prefix, member id, operator name), action, resource type and time, pages newest first,
 * and exports the filtered rows as a CSV whose cells a spreadsheet will not evaluate. The export is audited;
 * a clinician is refused (403); another organisation's rows never appear; bad filters are a 400.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exportAuditCsv } from "@/lib/audit/export";
import { db, type Prisma } from "@/lib/db";
import type { PortalAuditEvent, PortalAuditPage } from "@/lib/organizations/settings-schemas";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createPortalUser, createTenant, registerLab } from "../support/fixtures";

const AUDIT = "/api/portal/settings/audit";

async function admin() {
  const { organizationId, apiKey } = await createTenant();
  const { cookie, userId, email } = await createPortalUser(organizationId, "admin");
  return { organizationId, apiKey, cookie, userId, email };
}

async function search(cookie: string, filter: Record<string, string>) {
  const res = await call("GET", `${AUDIT}?${new URLSearchParams(filter)}`, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json as PortalAuditPage;
}

/** Rows written straight into the trail, for filters that need an operator or a time of their choosing. */
type SeedRow = { actorId?: string; action?: string; resourceType?: string; resourceId?: string; requestId?: string; createdAt?: Date; detail?: Prisma.InputJsonValue };

async function seed(organizationId: string, rows: SeedRow[]) {
  for (const row of rows) {
    await db.auditEvent.create({ data: { organizationId, actorType: "operator_cli", actorId: "ops", action: "read", resourceType: "webhook_secret", ...row } });
  }
}

const pairs = (events: PortalAuditEvent[]) => events.map((e) => [e.actorLabel, e.action]);

describe("portal audit-log endpoints", () => {
  it("finds who read a lab result by its id: the member through the API and a clinician through the portal", async () => {
    const { organizationId, apiKey, cookie } = await admin();
    const member = await createMember(apiKey);
    const lab = await registerLab(member.userId, member.token);
    const clinician = await createPortalUser(organizationId, "clinician");
    expect((await call("GET", `/v1/users/${member.userId}/labs/${lab.lab_result_id}`, { token: member.token })).status).toBe(200);
    expect((await call("GET", `/api/portal/labs/${lab.lab_result_id}`, { cookie: clinician.cookie })).status).toBe(200);

    const found = await eventually(async () => {
      const page = await search(cookie, { resourceId: lab.lab_result_id, action: "read" });
      expect(page.data).toHaveLength(2);
      return page;
    });
    // Newest first, each actor as a person reads it.
    expect(pairs(found.data)).toEqual([
      [clinician.email, "read"],
      [`member ${member.userId}`, "read"],
    ]);
    expect(found.data[0]).toMatchObject({ actorType: "portal_user", actorId: clinician.userId, resourceType: "lab_result", resourceId: lab.lab_result_id });
    expect(found.data[1]).toMatchObject({ actorType: "member", actorId: member.userId });

    // The member's own id finds what they did, the clinician's e-mail (or part of it) what they did.
    expect((await search(cookie, { actor: member.userId })).data.every((e) => e.actorId === member.userId)).toBe(true);
    const byEmail = await search(cookie, { actor: clinician.email.slice(0, 20).toUpperCase() });
    expect(byEmail.data.length).toBeGreaterThan(0);
    expect(byEmail.data.every((e) => e.actorId === clinician.userId)).toBe(true);
  });

  it("names an API key by its name and prefix, and finds its rows by the prefix", async () => {
    const { cookie } = await admin();
    const created = await call("POST", "/api/portal/settings/api-keys", { cookie, body: { name: "Nightly sync", scopes: ["read"] } });
    expect(created.status, created.text).toBe(201);
    const key = created.json.data as { key: string; prefix: string; id: string };
    expect((await call("GET", "/v1/submissions", { apiKey: key.key })).status).toBe(200);

    const page = await eventually(async () => {
      const found = await search(cookie, { actor: key.prefix });
      expect(found.data).toHaveLength(1);
      return found;
    });
    expect(page.data[0]).toMatchObject({ actorType: "api_key", actorId: key.id, actorLabel: `Nightly sync (${key.prefix})`, action: "list", resourceType: "lab_result" });
    // The admin's create of that key, with its detail.
    const creates = await search(cookie, { action: "create", resourceType: "api_key" });
    expect(creates.data[0]).toMatchObject({ resourceId: key.id, detail: { name: "Nightly sync", scopes: ["read"], prefix: key.prefix } });
  });

  it("filters by actor type, operator name, action, resource type and time, and pages newest first", async () => {
    const { organizationId, cookie } = await admin();
    const day = (d: number, h = 12) => new Date(Date.UTC(2025, 0, d, h));
    await seed(organizationId, [
      { actorId: "alice", action: "read", createdAt: day(1) },
      { actorId: "alice", action: "update", createdAt: day(2) },
      { actorId: "bob", action: "read", createdAt: day(3) },
      { actorId: "alice", action: "read", resourceType: "organization", createdAt: day(4) },
    ]);
    const range = { from: day(1, 0).toISOString(), to: day(5, 0).toISOString() };

    expect(pairs((await search(cookie, { actor: "alice", ...range })).data)).toEqual([
      ["operator alice", "read"],
      ["operator alice", "update"],
      ["operator alice", "read"],
    ]);
    expect((await search(cookie, { actorType: "operator_cli", ...range })).data).toHaveLength(4);
    expect((await search(cookie, { actorType: "member", actor: "alice" })).data).toHaveLength(0);
    expect((await search(cookie, { action: "update", ...range })).data.map((e) => e.actorId)).toEqual(["alice"]);
    expect((await search(cookie, { resourceType: "organization", ...range })).data).toHaveLength(1);
    // `from` includes its instant, `to` excludes it: whole days as the page sends them.
    expect((await search(cookie, { from: day(2, 0).toISOString(), to: day(3, 0).toISOString() })).data.map((e) => e.action)).toEqual(["update"]);

    const first = await search(cookie, { ...range, limit: "3" });
    expect(first.data.map((e) => e.createdAt)).toEqual([day(4), day(3), day(2)].map((d) => d.toISOString()));
    expect(first.nextCursor).not.toBeNull();
    const second = await search(cookie, { ...range, limit: "3", cursor: first.nextCursor! });
    expect(second.data.map((e) => e.createdAt)).toEqual([day(1).toISOString()]);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows another organisation's rows", async () => {
    const a = await admin();
    const b = await admin();
    const resourceId = randomUUID();
    await seed(b.organizationId, [{ resourceType: "lab_result", resourceId }]);
    expect((await search(a.cookie, { resourceId })).data).toEqual([]);
    expect((await search(b.cookie, { resourceId })).data).toHaveLength(1);
    // Their user's e-mail and their key's prefix resolve to nobody here.
    expect((await search(a.cookie, { actor: b.email })).data).toEqual([]);
  });

  it("refuses bad filters with a 400 naming them", async () => {
    const { cookie } = await admin();
    for (const query of ["action=steal", "from=yesterday", "to=2025-01-01", "resourceType=Lab%20Result", "actorType=robot", "limit=0", "limit=1000", "cursor=garbage"]) {
      const res = await call("GET", `${AUDIT}?${query}`, { cookie });
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
    }
    expect((await call("GET", `${AUDIT}/export?action=steal`, { cookie })).status).toBe(400);
  });

  it("exports the filtered rows as CSV with formula-looking cells escaped, and audits the export", async () => {
    const { organizationId, cookie, userId } = await admin();
    const resourceId = randomUUID();
    await seed(organizationId, [
      { actorId: "=HYPERLINK(\"http://evil.example\",\"click\")", resourceType: "lab_result", resourceId, createdAt: new Date("2025-02-01T10:00:00Z") },
      { actorId: "-2+3", resourceType: "lab_result", resourceId, createdAt: new Date("2025-02-02T10:00:00Z"), detail: { note: "a, \"quoted\" value" } },
      { actorId: "@SUM(A1)", resourceType: "lab_result", resourceId, createdAt: new Date("2025-02-03T10:00:00Z"), requestId: "+cmd" },
    ]);
    const requestId = `export-${randomUUID()}`;
    const res = await call("GET", `${AUDIT}/export?resourceId=${resourceId}`, { cookie, headers: { "x-request-id": requestId } });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="labwise-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-audit-rows-total")).toBe("3");

    const lines = res.text.split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Actor type,Actor id,Actor,Action,Resource type,Resource id,Request id,Detail");
    expect(lines.slice(1, -1)).toEqual([
      `2025-02-03T10:00:00.000Z,operator_cli,'@SUM(A1),operator @SUM(A1),read,lab_result,${resourceId},'+cmd,`,
      `2025-02-02T10:00:00.000Z,operator_cli,'-2+3,operator -2+3,read,lab_result,${resourceId},,"{""note"":""a, \\""quoted\\"" value""}"`,
      `2025-02-01T10:00:00.000Z,operator_cli,"'=HYPERLINK(""http://evil.example"",""click"")","operator =HYPERLINK(""http://evil.example"",""click"")",read,lab_result,${resourceId},,`,
    ]);
    expect(lines.at(-1)).toBe("");

    const row = await eventually(async () => {
      const rows = await db.auditEvent.findMany({ where: { organizationId, requestId } });
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(row).toMatchObject({ actorType: "portal_user", actorId: userId, action: "export", resourceType: "audit_event", detail: { resourceId, rows: 3 } });
  });

  it("exports the header alone when nothing matches", async () => {
    const { cookie } = await admin();
    const res = await call("GET", `${AUDIT}/export?resourceId=${randomUUID()}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.text).toBe("Time (UTC),Actor type,Actor id,Actor,Action,Resource type,Resource id,Request id,Detail\r\n");
    expect(res.headers.get("x-audit-rows-exported")).toBe("0");
  });

  it("refuses a clinician with 403 on the list and the export, and a visitor with 401", async () => {
    const { organizationId } = await admin();
    const clinician = await createPortalUser(organizationId, "clinician");
    expect((await call("GET", AUDIT, { cookie: clinician.cookie })).status).toBe(403);
    expect((await call("GET", `${AUDIT}/export`, { cookie: clinician.cookie })).status).toBe(403);
    expect((await call("GET", AUDIT)).status).toBe(401);
    expect((await call("GET", `${AUDIT}/export`)).status).toBe(401);
  });

  it("audits reading the log itself", async () => {
    const { organizationId, cookie, userId } = await admin();
    const requestId = `list-${randomUUID()}`;
    expect((await call("GET", `${AUDIT}?action=read`, { cookie, headers: { "x-request-id": requestId } })).status).toBe(200);
    await eventually(async () =>
      expect(await db.auditEvent.findMany({ where: { organizationId, requestId } })).toMatchObject([{ actorId: userId, action: "list", resourceType: "audit_event" }]),
    );
  });
});

describe("the audit export", () => {
  it("reads the rows in batches and stops at the cap, newest first, saying how many there were", async () => {
    const { organizationId } = await admin();
    const resourceId = randomUUID();
    await db.auditEvent.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        organizationId,
        actorType: "operator_cli",
        actorId: `op-${i}`,
        action: "read",
        resourceType: "lab_result",
        resourceId,
        createdAt: new Date(Date.UTC(2025, 3, 1, i)),
      })),
    });
    const file = await exportAuditCsv(organizationId, { resourceId }, { cap: 5, batch: 2 });
    expect(file).toMatchObject({ total: 7, exported: 5 });
    const lines = (await new Response(file.body).text()).split("\r\n").slice(1, -1);
    expect(lines.map((line) => line.split(",")[2])).toEqual(["op-6", "op-5", "op-4", "op-3", "op-2"]);
  });
});
