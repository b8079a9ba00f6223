/**
 * The users endpoints of the admin portal (`/api/portal/settings/users/*`) with real Auth.js session cookies:
 * an admin lists the organisation's users (status and last sign-in), invites by e-mail with a role, changes
 * roles, deactivates and reactivates; the organisation never loses its last active admin, not even to two
 * admins demoting each other at the same moment; deactivation and role changes end the user's sessions; a
 * clinician is refused (403), another organisation's user is 404, bad input 400, and every call is audited.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { addPortalUser } from "@/lib/organizations";
import { changePortalUserRole, deactivatePortalUser } from "@/lib/portal/users";
import type { PortalUser } from "@/lib/portal/users-schemas";
import { call } from "../support/app";
import { eventually } from "../support/eventually";
import { createPortalUser, createTenant } from "../support/fixtures";

const USERS = "/api/portal/settings/users";
const email = (who = "invitee") => `${who}-${randomUUID()}@example.test`;

async function admin() {
  const { organizationId } = await createTenant();
  const signedIn = await createPortalUser(organizationId, "admin");
  return { organizationId, ...signedIn };
}

/** A second signed-in admin of the organisation who has signed in before (a sign-in link verified their e-mail). */
async function activeAdmin(organizationId: string) {
  const other = await createPortalUser(organizationId, "admin");
  await db.user.update({ where: { id: other.userId }, data: { emailVerified: new Date() } });
  return other;
}

async function list(cookie: string) {
  const res = await call("GET", USERS, { cookie });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return res.json.data as PortalUser[];
}

async function invite(cookie: string, body: object) {
  const res = await call("POST", USERS, { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json.data as PortalUser;
}

const setRole = (cookie: string, id: string, role: string) => call("PATCH", `${USERS}/${id}`, { cookie, body: { role } });
const deactivate = (cookie: string, id: string) => call("POST", `${USERS}/${id}/deactivate`, { cookie });
const reactivate = (cookie: string, id: string) => call("POST", `${USERS}/${id}/reactivate`, { cookie });

// Mail goes to an outbox file, as in the embedded default without an SMTP server (lib/mail).
let outboxFile: string;
beforeAll(async () => {
  outboxFile = path.join(await mkdtemp(path.join(os.tmpdir(), "labwise-users-mail-")), "mail-outbox.jsonl");
  process.env.MAIL_OUTBOX_FILE = outboxFile;
  delete process.env.EMAIL_SERVER;
  resetConfig();
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterAll(() => {
  delete process.env.MAIL_OUTBOX_FILE;
  resetConfig();
  vi.restoreAllMocks();
});

async function mailsTo(address: string): Promise<{ to: string; subject: string; text: string; url: string; reason: string }[]> {
  const text = await readFile(outboxFile, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((mail) => mail.to === address.toLowerCase());
}

const auditRows = (requestId: string | null) =>
  eventually(async () => {
    const rows = await db.auditEvent.findMany({ where: { requestId: requestId! } });
    expect(rows).toHaveLength(1);
    return rows;
  });

describe("portal users: list and invite", () => {
  it("lists the organisation's users with their status and last sign-in, active first, and marks the viewer", async () => {
    const { organizationId, cookie, userId } = await admin();
    const withPassword = await addPortalUser({ organizationId, email: email("operator-made"), role: "clinician", password: "a long enough password" });
    const signedIn = await createPortalUser(organizationId, "clinician");
    const signInAt = new Date(Date.now() - 60_000);
    await db.auditEvent.create({ data: { organizationId, actorType: "portal_user", actorId: signedIn.userId, action: "sign_in", resourceType: "portal_user", resourceId: signedIn.userId, createdAt: signInAt } });
    const gone = await createPortalUser(organizationId, "clinician");
    await db.user.update({ where: { id: gone.userId }, data: { deactivatedAt: new Date() } });
    await createPortalUser((await createTenant()).organizationId, "clinician");

    const users = await list(cookie);
    expect(users.map((u) => u.id).sort()).toEqual([userId, withPassword.id, signedIn.userId, gone.userId].sort());
    const byId = new Map(users.map((u) => [u.id, u]));
    expect(byId.get(withPassword.id)).toMatchObject({ status: "active", lastSignInAt: null, role: "clinician", isYou: false });
    expect(byId.get(signedIn.userId)).toMatchObject({ status: "active", lastSignInAt: signInAt.toISOString() });
    expect(byId.get(gone.userId)).toMatchObject({ status: "deactivated" });
    expect(byId.get(userId)).toMatchObject({ role: "admin", isYou: true });
    expect(users.at(-1)!.id).toBe(gone.userId);
  });

  it("invites a user by e-mail with a role and a name, who shows as invited until they sign in", async () => {
    const { cookie } = await admin();
    const address = email("New.Clinician");
    const invited = await invite(cookie, { email: `  ${address.toUpperCase()} `, name: " Dr Ada Lovelace ", role: "clinician" });
    expect(invited).toMatchObject({ email: address.toLowerCase(), name: "Dr Ada Lovelace", role: "clinician", status: "invited", lastSignInAt: null });
    const [mail] = await mailsTo(address);
    expect(mail).toMatchObject({ reason: "invite" });
    expect(mail.subject).toContain("invited you");
    expect(mail.text).toContain("as a clinician");
    expect(new URL(mail.url).searchParams.get("callbackUrl")).toMatch(/\/labs$/);
    expect((await list(cookie)).find((u) => u.id === invited.id)).toMatchObject({ status: "invited" });

    await db.user.update({ where: { id: invited.id }, data: { emailVerified: new Date() } });
    expect((await list(cookie)).find((u) => u.id === invited.id)).toMatchObject({ status: "active" });
  });

  it("invites an admin without a name", async () => {
    const { cookie } = await admin();
    expect(await invite(cookie, { email: email(), role: "admin", name: "" })).toMatchObject({ role: "admin", name: null, status: "invited" });
  });

  it("answers 409 for an e-mail already in the organisation, and for one of another organisation without naming it", async () => {
    const { cookie } = await admin();
    const address = email();
    await invite(cookie, { email: address, role: "clinician" });
    const again = await call("POST", USERS, { cookie, body: { email: address.toUpperCase(), role: "admin" } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain("already a user of your organisation");

    const elsewhere = await createTenant("Secret Rival Clinic");
    const theirs = await createPortalUser(elsewhere.organizationId, "clinician");
    const taken = await call("POST", USERS, { cookie, body: { email: theirs.email, role: "clinician" } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toBe("This e-mail address already has a Labwise account, so it cannot be invited");
    expect(await db.user.count({ where: { email: theirs.email } })).toBe(1);
  });

  it("refuses a missing or malformed e-mail and an unknown role with 400", async () => {
    const { cookie } = await admin();
    for (const body of [{ role: "clinician" }, { email: "not-an-email", role: "clinician" }, { email: email(), role: "owner" }, { email: email() }, { email: email(), role: "admin", name: "x".repeat(121) }]) {
      const res = await call("POST", USERS, { cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_ERROR");
    }
  });

  it("audits the list and the invitation with the admin as the actor", async () => {
    const { cookie, userId } = await admin();
    const listed = await call("GET", USERS, { cookie });
    expect((await auditRows(listed.headers.get("x-request-id")))[0]).toMatchObject({ action: "list", resourceType: "portal_user", actorType: "portal_user", actorId: userId });
    const address = email();
    const invited = await call("POST", USERS, { cookie, body: { email: address, role: "admin" } });
    expect((await auditRows(invited.headers.get("x-request-id")))[0]).toMatchObject({
      action: "invite",
      resourceType: "portal_user",
      resourceId: invited.json.data.id,
      actorId: userId,
      detail: { email: address, role: "admin" },
    });
  });

  it("resends an invitation only to a user who has not signed in yet", async () => {
    const { cookie } = await admin();
    const invited = await invite(cookie, { email: email(), role: "clinician" });
    const resent = await call("POST", `${USERS}/${invited.id}/resend-invite`, { cookie });
    expect(resent.status, resent.text).toBe(200);
    expect((await mailsTo(invited.email)).map((mail) => mail.reason)).toEqual(["invite", "invite"]);
    expect((await auditRows(resent.headers.get("x-request-id")))[0]).toMatchObject({ action: "invite", resourceId: invited.id, detail: { resend: true } });

    await db.user.update({ where: { id: invited.id }, data: { emailVerified: new Date() } });
    const already = await call("POST", `${USERS}/${invited.id}/resend-invite`, { cookie });
    expect(already.status).toBe(409);
    expect(already.json.error.message).toContain("has already signed in");

    const other = await invite(cookie, { email: email(), role: "clinician" });
    expect((await deactivate(cookie, other.id)).status).toBe(200);
    const deactivated = await call("POST", `${USERS}/${other.id}/resend-invite`, { cookie });
    expect(deactivated.status).toBe(409);
    expect(deactivated.json.error.message).toContain("reactivate them first");
    expect(await mailsTo(other.email)).toHaveLength(1);
  });
});

describe("portal users: roles, deactivation and the last admin", () => {
  it("changes a clinician into an admin and back, auditing the old and the new role", async () => {
    const { organizationId, cookie } = await admin();
    const clinician = await createPortalUser(organizationId, "clinician");
    const promoted = await setRole(cookie, clinician.userId, "admin");
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.json.data).toMatchObject({ id: clinician.userId, role: "admin" });
    expect((await auditRows(promoted.headers.get("x-request-id")))[0]).toMatchObject({
      action: "update",
      resourceType: "portal_user",
      resourceId: clinician.userId,
      detail: { from: "clinician", to: "admin" },
    });
    const demoted = await setRole(cookie, clinician.userId, "clinician");
    expect(demoted.status, demoted.text).toBe(200);
    expect((await auditRows(demoted.headers.get("x-request-id")))[0]).toMatchObject({ detail: { from: "admin", to: "clinician" } });
    expect((await setRole(cookie, clinician.userId, "clinician")).status).toBe(409);
  });

  it("refuses to demote the organisation's only admin, themself, with 409 and says why", async () => {
    const { cookie, userId } = await admin();
    const res = await setRole(cookie, userId, "clinician");
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("last active admin");
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("admin");
  });

  it("does not count an admin who has only been invited: they count once they have signed in", async () => {
    const { cookie, userId } = await admin();
    const invited = await invite(cookie, { email: email(), role: "admin" });
    const refused = await setRole(cookie, userId, "clinician");
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("An invited admin counts once they have signed in");

    await db.user.update({ where: { id: invited.id }, data: { emailVerified: new Date() } });
    expect((await setRole(cookie, userId, "clinician")).status).toBe(200);
  });

  it("lets an admin demote or deactivate another admin while one active admin remains", async () => {
    const { organizationId, cookie } = await admin();
    const other = await activeAdmin(organizationId);
    const third = await activeAdmin(organizationId);
    expect((await setRole(cookie, other.userId, "clinician")).status).toBe(200);
    expect((await deactivate(cookie, third.userId)).status).toBe(200);
    expect(await db.user.count({ where: { organizationId, role: "admin", deactivatedAt: null } })).toBe(1);
  });

  // Through the endpoints, the loser is refused either by the rule (409) or, when its request is
  // authenticated after the winner's change ended its session, as signed out (401).
  it("of two admins demoting each other through the endpoints at the same moment, one succeeds and one admin remains", async () => {
    for (let round = 0; round < 5; round++) {
      const { organizationId, cookie, userId } = await admin();
      const other = await activeAdmin(organizationId);
      const answers = await Promise.all([setRole(cookie, other.userId, "clinician"), setRole(other.cookie, userId, "clinician")]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses[0], answers.map((a) => a.text).join("\n")).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      expect(await db.user.count({ where: { organizationId, role: "admin", deactivatedAt: null } })).toBe(1);
    }
  });

  it("of two admins demoting each other in the service at the same moment, the second is decided after the first and hears 409", async () => {
    for (let round = 0; round < 5; round++) {
      const { organizationId, userId, email: ownEmail } = await admin();
      const other = await activeAdmin(organizationId);
      const outcomes = await Promise.allSettled([
        changePortalUserRole(organizationId, { userId, email: ownEmail }, other.userId, "clinician"),
        changePortalUserRole(organizationId, { userId: other.userId, email: other.email }, userId, "clinician"),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected")!.reason as AppError;
      expect(refused).toBeInstanceOf(AppError);
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toContain("last active admin");
      expect(await db.user.count({ where: { organizationId, role: "admin", deactivatedAt: null } })).toBe(1);
    }
  });

  it("of two admins deactivating each other at the same moment, one succeeds and the other hears 409", async () => {
    for (let round = 0; round < 5; round++) {
      const { organizationId, userId, email: ownEmail } = await admin();
      const other = await activeAdmin(organizationId);
      const outcomes = await Promise.allSettled([
        deactivatePortalUser(organizationId, { userId, email: ownEmail }, other.userId),
        deactivatePortalUser(organizationId, { userId: other.userId, email: other.email }, userId),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect((outcomes.find((o) => o.status === "rejected")!.reason as AppError).code).toBe("CONFLICT");
      expect(await db.user.count({ where: { organizationId, role: "admin", deactivatedAt: null } })).toBe(1);
    }
  });

  it("of one admin demoting the other while that one deactivates the first, one admin remains", async () => {
    for (let round = 0; round < 5; round++) {
      const { organizationId, userId, email: ownEmail } = await admin();
      const other = await activeAdmin(organizationId);
      const outcomes = await Promise.allSettled([
        changePortalUserRole(organizationId, { userId, email: ownEmail }, other.userId, "clinician"),
        deactivatePortalUser(organizationId, { userId: other.userId, email: other.email }, userId),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(await db.user.count({ where: { organizationId, role: "admin", deactivatedAt: null } })).toBe(1);
    }
  });

  it("refuses an admin deactivating themself with 409", async () => {
    const { organizationId, cookie, userId } = await admin();
    await activeAdmin(organizationId);
    const res = await deactivate(cookie, userId);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("You cannot deactivate your own account");
  });

  it("deactivates a clinician and reactivates them, auditing both", async () => {
    const { organizationId, cookie } = await admin();
    const clinician = await createPortalUser(organizationId, "clinician");
    const off = await deactivate(cookie, clinician.userId);
    expect(off.status, off.text).toBe(200);
    expect(off.json.data).toMatchObject({ status: "deactivated" });
    expect(off.json.data.deactivatedAt).toEqual(expect.any(String));
    expect((await auditRows(off.headers.get("x-request-id")))[0]).toMatchObject({ action: "deactivate", resourceType: "portal_user", resourceId: clinician.userId });
    expect((await deactivate(cookie, clinician.userId)).status).toBe(409);
    expect((await setRole(cookie, clinician.userId, "admin")).status).toBe(409);

    const on = await reactivate(cookie, clinician.userId);
    expect(on.status, on.text).toBe(200);
    expect(on.json.data).toMatchObject({ status: "invited", deactivatedAt: null });
    expect((await auditRows(on.headers.get("x-request-id")))[0]).toMatchObject({ action: "reactivate", resourceId: clinician.userId });
    expect((await reactivate(cookie, clinician.userId)).status).toBe(409);
  });

  it("ends the sessions of a user who is deactivated or whose role changes", async () => {
    const { organizationId, cookie } = await admin();
    const clinician = await createPortalUser(organizationId, "clinician");
    const promoted = await createPortalUser(organizationId, "clinician");
    expect((await call("GET", "/api/portal/labs", { cookie: clinician.cookie })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // session cookies carry their issue time in whole seconds

    expect((await deactivate(cookie, clinician.userId)).status).toBe(200);
    expect((await setRole(cookie, promoted.userId, "admin")).status).toBe(200);
    for (const [user, row] of [
      [clinician, await db.user.findUniqueOrThrow({ where: { id: clinician.userId } })],
      [promoted, await db.user.findUniqueOrThrow({ where: { id: promoted.userId } })],
    ] as const) {
      expect(row.sessionsRevokedAt).toBeInstanceOf(Date);
      // The portal refuses the cookie minted before (the session check of lib/auth/portal-session.ts).
      expect((await call("GET", "/api/portal/labs", { cookie: user.cookie })).status).toBe(401);
    }
  });
});

describe("portal users: who may call", () => {
  it("refuses a clinician with 403 on every users endpoint", async () => {
    const { organizationId } = await admin();
    const clinician = await createPortalUser(organizationId, "clinician");
    const target = await createPortalUser(organizationId, "clinician");
    for (const [method, path, body] of [
      ["GET", USERS],
      ["POST", USERS, { email: email(), role: "admin" }],
      ["PATCH", `${USERS}/${target.userId}`, { role: "admin" }],
      ["POST", `${USERS}/${target.userId}/deactivate`],
      ["POST", `${USERS}/${target.userId}/reactivate`],
      ["POST", `${USERS}/${target.userId}/resend-invite`],
    ] as const) {
      const res = await call(method, path, { cookie: clinician.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call("PATCH", `${USERS}/${clinician.userId}`, { cookie: clinician.cookie, body: { role: "admin" } })).status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: clinician.userId } })).role).toBe("clinician");
  });

  it("answers 404 for another organisation's user and 400 for an id that is not one", async () => {
    const { cookie } = await admin();
    const elsewhere = await createPortalUser((await createTenant()).organizationId, "admin");
    for (const res of [
      await setRole(cookie, elsewhere.userId, "clinician"),
      await deactivate(cookie, elsewhere.userId),
      await reactivate(cookie, elsewhere.userId),
      await call("POST", `${USERS}/${elsewhere.userId}/resend-invite`, { cookie }),
      await setRole(cookie, randomUUID(), "clinician"),
    ]) {
      expect(res.status, res.text).toBe(404);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: elsewhere.userId } })).role).toBe("admin");
    expect((await setRole(cookie, "not-a-uuid", "clinician")).status).toBe(400);
    expect((await call("PATCH", `${USERS}/${elsewhere.userId}`, { cookie, body: {} })).status).toBe(400);
  });

  it("answers 401 without a session and 403 to a cross-site write", async () => {
    const { cookie } = await admin();
    expect((await call("GET", USERS)).status).toBe(401);
    const crossSite = await call("POST", USERS, { cookie, body: { email: email(), role: "admin" }, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
  });

  it("answers 405 with Allow for a method a users route does not serve", async () => {
    const { cookie } = await admin();
    const res = await call("DELETE", USERS, { cookie });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
  });
});
