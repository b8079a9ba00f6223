/**
 * The portal's coach endpoints (`/api/portal/coach/*`) with a real Auth.js session cookie: an admin lists,
 * creates (from scratch and from the active profile), changes, deploys and rolls back profiles; "Try it"
 * greets and answers about a demo member's ready lab without storing a chat; a clinician is refused (403),
 * another organisation's profile or member is 404, and every call is audited with the admin as the actor.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PortalCoachOverview, PortalCoachProfile } from "@/lib/portal/coach-schemas";
import { patientTranscripts } from "@/lib/portal/coach";
import { appFetch, call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createPortalUser, createTenant } from "../support/fixtures";

const CANDIDATE = {
  name: "Sunny",
  persona: "A cheerful coach who explains lab results in everyday words.",
  tone: "warm",
  readingLevel: "plain",
  focusAreas: ["blood sugar"],
  greeting: "Hi, I am Sunny. Ask me about your results!",
  guardrails: { declineTopics: ["supplements"], clinicianReferral: "Please ask your doctor about that.", emergencyMessage: "Call your local emergency number now." },
  citationPolicy: "inline",
};

async function admin() {
  const { organizationId, apiKey } = await createTenant();
  const { cookie, userId } = await createPortalUser(organizationId, "admin");
  return { organizationId, apiKey, cookie, userId };
}

async function create(cookie: string, body: object = CANDIDATE) {
  const res = await call("POST", "/api/portal/coach/profiles", { cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.json.data as PortalCoachProfile;
}

async function overview(cookie: string) {
  const res = await call("GET", "/api/portal/coach", { cookie });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return res.json.data as PortalCoachOverview;
}

const deploy = (cookie: string, id: string) => call("POST", `/api/portal/coach/profiles/${id}/deploy`, { cookie });

/** A patient with a ready lab holding HbA1c 7.2 % (high), through the portal's own upload flow. */
async function memberWithReadyLab(cookie: string) {
  const patient = await call("POST", "/api/portal/patients", { cookie, body: { name: "Demo Member" } });
  expect(patient.status, patient.text).toBe(201);
  const csv = ["Test,Result,Unit,Reference Range,Flag", "HbA1c,7.2,%,4.0-5.6,H", "Sodium,140,mmol/L,135-145,"].join("\n");
  const minted = await call("POST", "/api/portal/uploads", { cookie, body: { patientId: patient.json.data.id, fileName: "a1c.csv", contentType: "text/csv", size: Buffer.byteLength(csv) } });
  expect(minted.status, minted.text).toBe(201);
  expect((await appFetch(minted.json.data.uploadUrl, { method: "PUT", headers: minted.json.data.headers, body: csv })).status).toBe(200);
  const lab = await call("POST", "/api/portal/labs", { cookie, body: { uploadId: minted.json.data.uploadId } });
  expect(lab.status, lab.text).toBe(202);
  await eventually(async () => expect((await call("GET", `/api/portal/labs/${lab.json.data.id}`, { cookie })).json.data.status).toBe("ready"), 30_000, 100);
  return patient.json.data.id as string;
}

describe("portal coach endpoints", () => {
  it("creates a candidate, deploys it, copies the active one into a second, deploys that and rolls back in one call", async () => {
    const { cookie } = await admin();
    expect(await overview(cookie)).toEqual({ profiles: [], activeProfileId: null, deploys: [], rollbackProfileId: null });
    expect((await call("POST", "/api/portal/coach/rollback", { cookie })).status).toBe(409);

    const first = await create(cookie);
    expect(first).toMatchObject({ ...CANDIDATE, status: "candidate", version: 1 });
    const deployed = await deploy(cookie, first.id);
    expect(deployed.status, deployed.text).toBe(200);
    expect(deployed.json.data).toMatchObject({ activeProfileId: first.id, previousActiveProfileId: null });

    // An active profile cannot change: it is copied into a candidate, which can.
    expect((await call("PATCH", `/api/portal/coach/profiles/${first.id}`, { cookie, body: { name: "Changed" } })).status).toBe(409);
    const second = await create(cookie, { fromProfileId: first.id, greeting: "Hello, I am Breeze." });
    expect(second).toMatchObject({ version: 2, status: "candidate", name: "Sunny", greeting: "Hello, I am Breeze.", createdFromId: first.id });
    const edited = await call("PATCH", `/api/portal/coach/profiles/${second.id}`, { cookie, body: { name: "Breeze", tone: "direct" } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.data).toMatchObject({ name: "Breeze", tone: "direct", greeting: "Hello, I am Breeze." });

    expect((await deploy(cookie, second.id)).json.data).toMatchObject({ activeProfileId: second.id, previousActiveProfileId: first.id });
    let state = await overview(cookie);
    expect(state.activeProfileId).toBe(second.id);
    expect(state.rollbackProfileId).toBe(first.id);
    expect(state.profiles.map((p) => [p.version, p.status])).toEqual([
      [2, "active"],
      [1, "retired"],
    ]);
    expect(state.deploys.map((d) => [d.fromProfileId, d.toProfileId])).toEqual([
      [first.id, second.id],
      [null, first.id],
    ]);

    const rolledBack = await call("POST", "/api/portal/coach/rollback", { cookie });
    expect(rolledBack.status, rolledBack.text).toBe(200);
    expect(rolledBack.json.data).toMatchObject({ activeProfileId: first.id, previousActiveProfileId: second.id });
    state = await overview(cookie);
    expect(state.activeProfileId).toBe(first.id);
    expect(state.profiles.find((p) => p.id === second.id)?.status).toBe("retired");
    expect(state.deploys).toHaveLength(3);
    // Rolling back again returns to the profile the roll back replaced.
    expect(state.rollbackProfileId).toBe(second.id);
  });

  it("refuses a candidate without its required fields, naming them", async () => {
    const { cookie } = await admin();
    const res = await call("POST", "/api/portal/coach/profiles", { cookie, body: { name: "Only a name" } });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/persona/);
  });

  it("tries a candidate against a demo member's ready lab: greeting and a cited answer, nothing stored", async () => {
    const { cookie } = await admin();
    const memberId = await memberWithReadyLab(cookie);
    const profile = await create(cookie);

    const members = await call("GET", "/api/portal/coach/members", { cookie });
    expect(members.status).toBe(200);
    expect(members.json.data).toEqual([{ id: memberId, name: "Demo Member", externalId: null, readyLabs: 1 }]);

    const greeting = await call("POST", "/api/portal/coach/try", { cookie, body: { profileId: profile.id, memberId } });
    expect(greeting.status, greeting.text).toBe(200);
    expect(greeting.json.data.intent).toBe("greeting");
    expect(greeting.json.data.markdown).toContain("Hi, I am Sunny.");

    const answer = await call("POST", "/api/portal/coach/try", { cookie, body: { profileId: profile.id, memberId, message: "What does my a1c mean?" } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.data.intent).toBe("value");
    expect(answer.json.data.markdown).toContain("7.2");
    expect(answer.json.data.markdown).toMatch(/\[1\]/);
    expect(answer.json.data.citations[0]).toMatchObject({ number: 1, url: expect.stringMatching(/^https:\/\//) });

    expect(await db.chatSession.count({ where: { memberId } })).toBe(0);
    expect(await db.chatMessage.count({ where: { session: { memberId } } })).toBe(0);
  });

  it("refuses a clinician with 403 on every coach endpoint", async () => {
    const { organizationId, cookie } = await admin();
    const profile = await create(cookie);
    const clinician = await createPortalUser(organizationId, "clinician");
    const calls: [string, string, object?][] = [
      ["GET", "/api/portal/coach"],
      ["POST", "/api/portal/coach/profiles", CANDIDATE],
      ["GET", `/api/portal/coach/profiles/${profile.id}`],
      ["PATCH", `/api/portal/coach/profiles/${profile.id}`, { name: "x" }],
      ["POST", `/api/portal/coach/profiles/${profile.id}/deploy`],
      ["POST", "/api/portal/coach/rollback"],
      ["GET", "/api/portal/coach/members"],
      ["POST", "/api/portal/coach/try", { profileId: profile.id, memberId: randomUUID() }],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(method, path, { cookie: clinician.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call("GET", "/api/portal/coach")).status).toBe(401);
    expect(await db.coachProfile.count({ where: { organizationId } })).toBe(1);
  });

  it("answers 404 for another organisation's profile and member", async () => {
    const a = await admin();
    const b = await admin();
    const theirs = await create(b.cookie);
    const theirMember = await memberWithReadyLab(b.cookie);
    const mine = await create(a.cookie);
    expect((await call("GET", `/api/portal/coach/profiles/${theirs.id}`, { cookie: a.cookie })).status).toBe(404);
    expect((await call("PATCH", `/api/portal/coach/profiles/${theirs.id}`, { cookie: a.cookie, body: { name: "Mine now" } })).status).toBe(404);
    expect((await deploy(a.cookie, theirs.id)).status).toBe(404);
    expect((await call("POST", "/api/portal/coach/profiles", { cookie: a.cookie, body: { fromProfileId: theirs.id } })).status).toBe(404);
    expect((await call("POST", "/api/portal/coach/try", { cookie: a.cookie, body: { profileId: theirs.id, memberId: theirMember } })).status).toBe(404);
    expect((await call("POST", "/api/portal/coach/try", { cookie: a.cookie, body: { profileId: mine.id, memberId: theirMember } })).status).toBe(404);
    expect((await call("GET", "/api/portal/coach/members", { cookie: a.cookie })).json.data).toEqual([]);
    expect((await db.coachProfile.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("candidate");
  });

  it("audits reads and writes with the admin as the actor", async () => {
    const { organizationId, cookie, userId } = await admin();
    const profile = await create(cookie);
    const audited = async (method: string, path: string) => {
      const requestId = `coach-${randomUUID()}`;
      const res = await call(method, path, { cookie, headers: { "x-request-id": requestId } });
      expect(res.status, res.text).toBe(200);
      return eventually(async () => {
        const rows = await db.auditEvent.findMany({ where: { requestId } });
        expect(rows).toHaveLength(1);
        return rows[0];
      });
    };
    expect(await audited("GET", "/api/portal/coach")).toMatchObject({ organizationId, action: "list", resourceType: "coach_profile", actorType: "portal_user", actorId: userId });
    expect(await audited("GET", `/api/portal/coach/profiles/${profile.id}`)).toMatchObject({ action: "read", resourceType: "coach_profile", resourceId: profile.id, actorId: userId });
    expect(await audited("POST", `/api/portal/coach/profiles/${profile.id}/deploy`)).toMatchObject({ action: "deploy", resourceType: "coach_profile", resourceId: profile.id, actorId: userId });
    const deploys = await db.coachDeploy.findMany({ where: { organizationId } });
    expect(deploys).toMatchObject([{ toProfileId: profile.id, actorType: "portal_user", actorId: userId }]);
  });

  it("answers 405 with Allow for a method a coach endpoint does not have", async () => {
    const { cookie } = await admin();
    const res = await call("DELETE", "/api/portal/coach", { cookie });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("shows a patient's own chats with the coach to their clinician, and another organisation's patient is not found", async () => {
    const { organizationId, apiKey, cookie } = await admin();
    const profile = await create(cookie);
    expect((await deploy(cookie, profile.id)).status).toBe(200);
    const member = await createMember(apiKey);
    const other = await createMember(apiKey);
    const session = await call("POST", `/v1/users/${member.userId}/chat/sessions`, { token: member.token });
    expect(session.status, session.text).toBe(201);
    const sent = await call("POST", `/v1/users/${member.userId}/chat/sessions/${session.json.data.session_id}/messages`, { token: member.token, body: { content: "Is my ferritin ok?" } });
    expect(sent.status, sent.text).toBe(200);

    const transcripts = await patientTranscripts(organizationId, member.userId);
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]).toMatchObject({ id: session.json.data.session_id, profile: { id: profile.id, name: "Sunny", version: 1 } });
    expect(transcripts[0].messages.map((m) => m.role)).toEqual(["coach", "member", "coach"]);
    expect(transcripts[0].messages[0].markdown).toContain("Hi, I am Sunny.");
    expect(transcripts[0].messages[1].markdown).toBe("Is my ferritin ok?");
    expect(await patientTranscripts(organizationId, other.userId)).toEqual([]);

    const elsewhere = await createTenant();
    await expect(patientTranscripts(elsewhere.organizationId, member.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
