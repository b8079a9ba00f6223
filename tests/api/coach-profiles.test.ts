/**
 * Coach profiles through the real routes: create (from scratch and from the active one), list by status,
 * read, change and delete a candidate, immutability of active and retired profiles, deploy and roll back,
 * the no-op deploy, the deploy history, tenancy (404), scope (403), and 20 racing deploys leaving exactly
 * one active profile — which the database itself enforces.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call } from "../support/app";
import { createKey, createTenant } from "../support/fixtures";

function api(method: string, url: string, apiKey: string, body?: unknown) {
  const headers: Record<string, string> = method === "POST" ? { "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": randomUUID() } : {};
  return call(method, url, { apiKey, body, headers });
}

const PROFILE = {
  name: "Warm coach",
  persona: "A friendly coach who explains lab results in everyday words.",
  tone: "warm",
  reading_level: "plain",
  focus_areas: ["cholesterol"],
  greeting: "Hi, I am Sunny. Ask me about your results.",
  guardrails: {
    decline_topics: ["supplements"],
    clinician_referral: "Please ask your doctor about that.",
    emergency_message: "Call your local emergency number now.",
  },
  citation_policy: "inline",
};

async function createProfile(apiKey: string, overrides: Record<string, unknown> = {}) {
  const res = await api("POST", "/v1/coach-profiles", apiKey, { ...PROFILE, ...overrides });
  expect(res.status, res.text).toBe(201);
  return res.json.data as { id: string; version: number; status: string; name: string; created_from_profile_id: string | null };
}

async function deploy(apiKey: string, id: string) {
  return api("POST", `/v1/coach-profiles/${id}/deploy`, apiKey);
}

describe("coach profiles", () => {
  it("creates candidates with increasing versions and reads them back", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const b = await createProfile(apiKey, { name: "Direct coach", tone: "direct" });
    expect(a).toMatchObject({ status: "candidate", version: 1, name: "Warm coach" });
    expect(b).toMatchObject({ status: "candidate", version: 2 });
    const read = await api("GET", `/v1/coach-profiles/${b.id}`, apiKey);
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ id: b.id, tone: "direct", reading_level: "plain", guardrails: PROFILE.guardrails, citation_policy: "inline" });
  });

  it("numbers concurrently created candidates 1 to n without a gap or a repeat", async () => {
    const { apiKey } = await createTenant();
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => createProfile(apiKey, { name: `P${i}` })));
    expect(created.map((p) => p.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("lists profiles newest first, by status, in cursor pages", async () => {
    const { apiKey } = await createTenant();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createProfile(apiKey, { name: `P${i}` })).id);
    expect((await deploy(apiKey, ids[0])).status).toBe(200);
    const first = await api("GET", "/v1/coach-profiles?limit=2", apiKey);
    expect(first.json.data.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(first.json.has_more).toBe(true);
    const second = await api("GET", `/v1/coach-profiles?limit=2&cursor=${first.json.next_cursor}`, apiKey);
    expect(second.json.data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    const active = await api("GET", "/v1/coach-profiles?status=active", apiKey);
    expect(active.json.data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    const candidates = await api("GET", "/v1/coach-profiles?status=candidate", apiKey);
    expect(candidates.json.data).toHaveLength(2);
  });

  it("refuses an incomplete or invalid profile with the fields named, in the partner envelope", async () => {
    const { apiKey } = await createTenant();
    const locsOf = (res: Awaited<ReturnType<typeof api>>) => res.json.error.details.issues.map((i: { loc: string[] }) => i.loc.join("."));
    const incomplete = await api("POST", "/v1/coach-profiles", apiKey, { name: "x" });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error.code).toBe("VALIDATION_ERROR");
    expect(locsOf(incomplete)).toEqual(["body.persona", "body.tone", "body.reading_level", "body.greeting", "body.guardrails"]);
    const invalid = await api("POST", "/v1/coach-profiles", apiKey, { ...PROFILE, tone: "sarcastic", focus_areas: [""] });
    expect(invalid.status).toBe(400);
    expect(locsOf(invalid)).toEqual(expect.arrayContaining(["body.tone", "body.focus_areas.0"]));
  });

  it("answers malformed JSON with a clear 400", async () => {
    const { apiKey } = await createTenant();
    const res = await call("POST", "/v1/coach-profiles", { apiKey, rawBody: "{not json", headers: { "x-correlation-id": "c", "idempotency-key": randomUUID() } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_ERROR");
  });

  it("changes and deletes a candidate", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const patched = await api("PATCH", `/v1/coach-profiles/${a.id}`, apiKey, { tone: "clinical", greeting: "Good day." });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ tone: "clinical", greeting: "Good day.", name: "Warm coach" });
    expect((await api("DELETE", `/v1/coach-profiles/${a.id}`, apiKey)).status).toBe(204);
    expect((await api("GET", `/v1/coach-profiles/${a.id}`, apiKey)).status).toBe(404);
  });

  it("keeps active and retired profiles immutable (409), and copies the active one into a new candidate", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    await deploy(apiKey, a.id);
    const patch = await api("PATCH", `/v1/coach-profiles/${a.id}`, apiKey, { tone: "direct" });
    expect(patch.status).toBe(409);
    expect(patch.json.error.message).toMatch(/is active: only a candidate can be changed; create a candidate from it/);
    expect((await api("DELETE", `/v1/coach-profiles/${a.id}`, apiKey)).status).toBe(409);

    const copy = await createProfile(apiKey, { from_profile_id: a.id, name: undefined, tone: "direct" });
    expect(copy).toMatchObject({ status: "candidate", version: 2, name: "Warm coach", created_from_profile_id: a.id });
    await deploy(apiKey, copy.id);
    const retired = await api("GET", `/v1/coach-profiles/${a.id}`, apiKey);
    expect(retired.json.data.status).toBe("retired");
    expect((await api("PATCH", `/v1/coach-profiles/${a.id}`, apiKey, { tone: "warm" })).status).toBe(409);
  });

  it("creates a candidate from the active one with only from_profile_id", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    await deploy(apiKey, a.id);
    const res = await api("POST", "/v1/coach-profiles", apiKey, { from_profile_id: a.id });
    expect(res.status, res.text).toBe(201);
    expect(res.json.data).toMatchObject({ status: "candidate", greeting: PROFILE.greeting, created_from_profile_id: a.id });
  });

  it("deploys, answers the previous active profile, and rolls back by deploying it", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const b = await createProfile(apiKey, { name: "B" });
    const first = await deploy(apiKey, a.id);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ data: { active_profile_id: a.id, previous_active_profile_id: null, deployed_at: expect.any(String) } });

    const second = await deploy(apiKey, b.id);
    expect(second.json.data).toMatchObject({ active_profile_id: b.id, previous_active_profile_id: a.id });

    const back = await deploy(apiKey, second.json.data.previous_active_profile_id);
    expect(back.status).toBe(200);
    expect(back.json.data).toMatchObject({ active_profile_id: a.id, previous_active_profile_id: b.id });
    const statuses = await api("GET", "/v1/coach-profiles", apiKey);
    expect(Object.fromEntries(statuses.json.data.map((p: { id: string; status: string }) => [p.id, p.status]))).toEqual({ [a.id]: "active", [b.id]: "retired" });

    const history = await api("GET", "/v1/coach-profiles/deploys", apiKey);
    expect(history.status).toBe(200);
    expect(history.json.data.map((d: { from_profile_id: string | null; to_profile_id: string }) => [d.from_profile_id, d.to_profile_id])).toEqual([
      [b.id, a.id],
      [a.id, b.id],
      [null, a.id],
    ]);
    expect(history.json.data[0].actor).toMatch(/^api_key:/);
  });

  it("answers a deploy of the active profile as its deploy did, changing nothing", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const b = await createProfile(apiKey);
    await deploy(apiKey, a.id);
    const deployed = await deploy(apiKey, b.id);
    const again = await deploy(apiKey, b.id);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(deployed.json);
    expect((await api("GET", "/v1/coach-profiles/deploys", apiKey)).json.data).toHaveLength(2);
  });

  it("audits each deploy with who did it", async () => {
    const { apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const requestId = `audit-${randomUUID()}`;
    const res = await call("POST", `/v1/coach-profiles/${a.id}/deploy`, { apiKey, headers: { "x-request-id": requestId, "x-correlation-id": "c", "idempotency-key": randomUUID() } });
    expect(res.status).toBe(200);
    await expect.poll(() => db.auditEvent.findMany({ where: { requestId } })).toEqual([
      expect.objectContaining({ action: "deploy", resourceType: "coach_profile", resourceId: a.id, actorType: "api_key" }),
    ]);
  });

  it("answers 404 for an unknown profile and for another organisation's", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    const foreign = await createProfile(theirs.apiKey);
    for (const id of [foreign.id, randomUUID()]) {
      expect((await deploy(mine.apiKey, id)).status).toBe(404);
      expect((await api("GET", `/v1/coach-profiles/${id}`, mine.apiKey)).status).toBe(404);
      expect((await api("PATCH", `/v1/coach-profiles/${id}`, mine.apiKey, { tone: "direct" })).status).toBe(404);
      expect((await api("DELETE", `/v1/coach-profiles/${id}`, mine.apiKey)).status).toBe(404);
    }
    expect((await api("POST", "/v1/coach-profiles", mine.apiKey, { from_profile_id: foreign.id })).status).toBe(404);
    const notFound = await deploy(mine.apiKey, foreign.id);
    expect(notFound.json.error).toMatchObject({ code: "NOT_FOUND" });
    expect((await api("GET", `/v1/coach-profiles/${foreign.id}`, theirs.apiKey)).json.data.status).toBe("candidate");
    expect((await api("GET", "/v1/coach-profiles", mine.apiKey)).json.data).toEqual([]);
  });

  it("answers an unknown path under /v1/coach-profiles in the partner envelope", async () => {
    const { apiKey } = await createTenant();
    const res = await api("GET", `/v1/coach-profiles/${randomUUID()}/versions`, apiKey);
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps a candidate that a chat session used (409 on delete)", async () => {
    const { organizationId, apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const member = await db.member.create({ data: { organizationId } });
    await db.chatSession.create({ data: { organizationId, memberId: member.id, coachProfileId: a.id } });
    const res = await api("DELETE", `/v1/coach-profiles/${a.id}`, apiKey);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/has chat sessions/);
  });

  it("refuses a key without the admin scope (403)", async () => {
    const { organizationId, apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const writeKey = await createKey(organizationId, ["write"]);
    expect((await api("GET", "/v1/coach-profiles", writeKey)).status).toBe(403);
    const res = await deploy(writeKey, a.id);
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/admin/);
  });

  it("leaves exactly one active profile after 20 concurrent deploys of different candidates", async () => {
    const { organizationId, apiKey } = await createTenant();
    const candidates = [];
    for (let i = 0; i < 20; i++) candidates.push(await createProfile(apiKey, { name: `C${i}` }));
    const answers = await Promise.all(candidates.map((c) => deploy(apiKey, c.id)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const active = await db.coachProfile.findMany({ where: { organizationId, status: "active" } });
    expect(active).toHaveLength(1);
    // The deploys form one chain: each replaced the one before it, ending at the active profile.
    const deploys = await db.coachDeploy.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
    expect(deploys).toHaveLength(20);
    expect(deploys[0].fromProfileId).toBeNull();
    for (let i = 1; i < deploys.length; i++) expect(deploys[i].fromProfileId).toBe(deploys[i - 1].toProfileId);
    expect(deploys.at(-1)!.toProfileId).toBe(active[0].id);
  });

  it("has the database refuse a second active profile whatever the code does", async () => {
    const { organizationId, apiKey } = await createTenant();
    const a = await createProfile(apiKey);
    const b = await createProfile(apiKey);
    await deploy(apiKey, a.id);
    await expect(db.coachProfile.update({ where: { id: b.id }, data: { status: "active" } })).rejects.toThrow(/Unique constraint/);
    expect(organizationId).toBeTruthy();
  });
});
