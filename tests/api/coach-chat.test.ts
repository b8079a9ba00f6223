/**
 * A member's chat with the coach through the real routes: opening against the active profile (409 before
 * any deploy), the greeting, a reply stored with the member's message, the transcript, a session pinned to
 * its profile across a later deploy, the reply as server-sent events, and the member surface's answers to
 * another member's token or session, malformed JSON and an oversize message. Assertions hold for any correct
 * reply engine: the greeting carries the profile's greeting, a reply is non-empty Markdown with citations.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appFetch, call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

const GUARDRAILS = {
  decline_topics: ["supplements"],
  clinician_referral: "Please ask your doctor about that.",
  emergency_message: "Call your local emergency number now.",
};

async function deployNewProfile(apiKey: string, greeting: string) {
  const headers = () => ({ "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": randomUUID() });
  const created = await call("POST", "/v1/coach-profiles", {
    apiKey,
    headers: headers(),
    body: { name: "Coach", persona: "A coach.", tone: "warm", reading_level: "plain", greeting, guardrails: GUARDRAILS },
  });
  expect(created.status, created.text).toBe(201);
  const deployed = await call("POST", `/v1/coach-profiles/${created.json.data.id}/deploy`, { apiKey, headers: headers() });
  expect(deployed.status, deployed.text).toBe(200);
  return created.json.data as { id: string; version: number };
}

async function tenantWithCoach(greeting = "Hello from the first coach.") {
  const tenant = await createTenant();
  const profile = await deployNewProfile(tenant.apiKey, greeting);
  const member = await createMember(tenant.apiKey);
  return { ...tenant, profile, member };
}

async function openSession(member: { userId: string; token: string }) {
  const res = await call("POST", `/v1/users/${member.userId}/chat/sessions`, { token: member.token });
  expect(res.status, res.text).toBe(201);
  return res.json.data as { session_id: string; profile_id: string; profile_version: number; messages: { role: string; markdown: string }[] };
}

const messagesUrl = (userId: string, sessionId: string) => `/v1/users/${userId}/chat/sessions/${sessionId}/messages`;

describe("coach chat", () => {
  it("answers 409 with a clear message when no profile is active", async () => {
    const { apiKey } = await createTenant();
    const member = await createMember(apiKey);
    const res = await call("POST", `/v1/users/${member.userId}/chat/sessions`, { token: member.token });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ detail: "no coach profile is active for this organisation; an admin deploys one first" });
  });

  it("opens a session against the active profile with its greeting", async () => {
    const { member, profile } = await tenantWithCoach("Hello, I am Sunny.");
    const session = await openSession(member);
    expect(session).toMatchObject({ profile_id: profile.id, profile_version: profile.version });
    expect(session.messages).toHaveLength(1);
    expect(session.messages[0]).toMatchObject({ role: "coach", intent: "greeting", citations: expect.any(Object) });
    expect(session.messages[0].markdown).toContain("Hello, I am Sunny.");
  });

  it("replies to a message with Markdown and citations, and keeps both in the transcript", async () => {
    const { member } = await tenantWithCoach();
    const session = await openSession(member);
    const res = await call("POST", messagesUrl(member.userId, session.session_id), { token: member.token, body: { content: "Is my glucose okay?" } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toEqual({
      message_id: expect.any(String),
      role: "coach",
      markdown: expect.stringMatching(/\S/),
      citations: expect.any(Object),
      intent: expect.any(String),
      created_at: expect.any(String),
    });
    const transcript = await call("GET", `/v1/users/${member.userId}/chat/sessions/${session.session_id}`, { token: member.token });
    expect(transcript.status).toBe(200);
    expect(transcript.json.data.messages.map((m: { role: string; markdown: string }) => m.role)).toEqual(["coach", "member", "coach"]);
    expect(transcript.json.data.messages[1]).toMatchObject({ markdown: "Is my glucose okay?", intent: null, citations: {} });
    expect(transcript.json.data.messages[2]).toEqual(res.json.data);
  });

  it("keeps the profile a session opened with after a new deploy; the next session gets the new one", async () => {
    const { apiKey, member, profile } = await tenantWithCoach("Hello from the first coach.");
    const old = await openSession(member);
    const second = await deployNewProfile(apiKey, "Greetings from the second coach.");

    const reply = await call("POST", messagesUrl(member.userId, old.session_id), { token: member.token, body: { content: "Hi" } });
    expect(reply.status).toBe(200);
    const transcript = await call("GET", `/v1/users/${member.userId}/chat/sessions/${old.session_id}`, { token: member.token });
    expect(transcript.json.data).toMatchObject({ profile_id: profile.id, profile_version: 1 });

    const fresh = await openSession(member);
    expect(fresh).toMatchObject({ profile_id: second.id, profile_version: 2 });
    expect(fresh.messages[0].markdown).toContain("Greetings from the second coach.");
  });

  it("streams the reply as server-sent events when asked for text/event-stream", async () => {
    const { member } = await tenantWithCoach();
    const session = await openSession(member);
    const res = await appFetch(messagesUrl(member.userId, session.session_id), {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ content: "What does my cholesterol mean?" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => e.event === "delta");
    const done = events.filter((e) => e.event === "done");
    expect(deltas.length).toBeGreaterThan(0);
    expect(done).toHaveLength(1);
    expect(events.at(-1)!.event).toBe("done");
    const message = done[0].data as { role: string; markdown: string; message_id: string };
    expect(message.role).toBe("coach");
    expect(deltas.map((d) => (d.data as { text: string }).text).join("")).toBe(message.markdown);

    const transcript = await call("GET", `/v1/users/${member.userId}/chat/sessions/${session.session_id}`, { token: member.token });
    expect(transcript.json.data.messages.at(-1)).toEqual(message);
  });

  it("refuses a token of another member (403) and hides another member's session (404)", async () => {
    const { apiKey, member } = await tenantWithCoach();
    const other = await createMember(apiKey);
    const session = await openSession(member);
    const foreignPath = await call("GET", `/v1/users/${member.userId}/chat/sessions/${session.session_id}`, { token: other.token });
    expect(foreignPath.status).toBe(403);
    expect(foreignPath.json).toEqual({ detail: expect.any(String) });
    expect((await call("POST", `/v1/users/${member.userId}/chat/sessions`, { token: other.token })).status).toBe(403);

    const ownPath = await call("GET", `/v1/users/${other.userId}/chat/sessions/${session.session_id}`, { token: other.token });
    expect(ownPath.status).toBe(404);
    const post = await call("POST", messagesUrl(other.userId, session.session_id), { token: other.token, body: { content: "hi" } });
    expect(post.status).toBe(404);
  });

  it("hides a session of another organisation (404)", async () => {
    const mine = await tenantWithCoach();
    const theirs = await tenantWithCoach();
    const session = await openSession(theirs.member);
    const res = await call("GET", `/v1/users/${mine.member.userId}/chat/sessions/${session.session_id}`, { token: mine.member.token });
    expect(res.status).toBe(404);
  });

  it("answers malformed JSON, an empty and an oversize message with 422 and where the problem is", async () => {
    const { member } = await tenantWithCoach();
    const session = await openSession(member);
    const url = messagesUrl(member.userId, session.session_id);
    const malformed = await call("POST", url, { token: member.token, rawBody: '{"content": ' });
    expect(malformed.status).toBe(422);
    expect(malformed.json.detail[0]).toMatchObject({ loc: expect.arrayContaining(["body"]) });

    const empty = await call("POST", url, { token: member.token, body: { content: "   " } });
    expect(empty.status).toBe(422);
    expect(empty.json.detail[0].loc).toEqual(["body", "content"]);

    const oversize = await call("POST", url, { token: member.token, body: { content: "a".repeat(2001) } });
    expect(oversize.status).toBe(422);
    expect(oversize.json.detail[0]).toMatchObject({ loc: ["body", "content"], type: "too_big" });

    const transcript = await call("GET", `/v1/users/${member.userId}/chat/sessions/${session.session_id}`, { token: member.token });
    expect(transcript.json.data.messages).toHaveLength(1);
  });
});

/** Server-sent events: blocks separated by a blank line, each with `event:` and one `data:` line of JSON. */
function parseSse(text: string): { event: string; data: unknown }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))!.slice("event: ".length);
      const data = JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice("data: ".length));
      return { event, data };
    });
}

describe("coach chat on the member's own labs", () => {
  it("answers from the member's ready lab, with its value and a citation, and says what is not on file", async () => {
    const { member } = await tenantWithCoach();
    const csv = ["Test,Result,Unit,Reference Range,Flag", "HbA1c,7.2,%,4.0-5.6,H", "Sodium,140,mmol/L,135-145,"].join("\n");
    const { fileUrl } = await uploadFile(member.token, csv, "text/csv", "report.csv");
    const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
    const labId = registered.json.data.lab_result_id as string;
    for (const deadline = Date.now() + 20_000; ; ) {
      const lab = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
      if (lab.json.data.status === "ready") break;
      if (lab.json.data.status === "failed" || Date.now() > deadline) throw new Error(`lab ${labId}: ${lab.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const session = await openSession(member);
    const ask = async (content: string) => {
      const res = await call("POST", messagesUrl(member.userId, session.session_id), { token: member.token, body: { content } });
      expect(res.status, res.text).toBe(200);
      return res.json.data as { markdown: string; citations: Record<string, { url: string; title: string }>; intent: string };
    };
    const a1c = await ask("What does my a1c mean?");
    expect(a1c.intent).toBe("value");
    expect(a1c.markdown).toContain("7.2");
    expect(a1c.markdown).toMatch(/\[1\]/);
    expect(Object.keys(a1c.citations).length).toBeGreaterThan(0);
    const ferritin = await ask("Is my ferritin ok?");
    expect(ferritin.intent).toBe("missing-value");
    expect(ferritin.markdown).toMatch(/don.t see a ferritin result/i);
  });
});
