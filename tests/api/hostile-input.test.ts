/**
 * Input PostgreSQL or the parser cannot take — NUL characters, lone UTF-16 surrogates, JSON nested thousands
 * deep, an endless chunked body — answers the surface's own validation (or 413) error, never a 500, and the
 * body is in the surface's shape with `loc` pointing at the offending field.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, call } from "../support/app";
import { createMember, createTenant } from "../support/fixtures";

let apiKey = "";
let member = { userId: "", token: "" };

beforeAll(async () => {
  ({ apiKey } = await createTenant());
  member = await createMember(apiKey);
});

/** Text that PostgreSQL refuses (NUL) or that is not Unicode at all (a high surrogate with no partner). */
const NUL = "\u0000";
const LONE_SURROGATE = "\ud800";
/** `[[[…]]]` nested `depth` levels, as JSON text. */
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

const labItem = { name: "Glucose", value: "99", unit: "mg/dL", date: "2025-01-15" };
/** A valid agent request (loopback webhook, allowed in tests) with one lab and a patient, to spoil one field of. */
const agentBody = (overrides: { lab?: object; patient?: object } = {}) => ({
  webhookUrl: "http://127.0.0.1:9/hook",
  labResults: [{ ...labItem, ...overrides.lab }],
  patient: { age: "54", gender: "female", conditions: ["Hypertension"], ...overrides.patient },
});

/** Expects the member surface's validation answer: 422 `{"detail":[{loc,msg,type}]}` naming `loc`. */
function expectMemberValidation(res: Awaited<ReturnType<typeof call>>, loc: (string | number)[]) {
  expect(res.status).toBe(422);
  expect(Array.isArray(res.json?.detail)).toBe(true);
  expect(res.json.detail).toContainEqual(expect.objectContaining({ loc, msg: expect.any(String), type: expect.any(String) }));
}

/** Expects the partner/agent surface's validation answer: 400 VALIDATION_ERROR envelope naming `loc`. */
function expectEnvelopeValidation(res: Awaited<ReturnType<typeof call>>, loc: (string | number)[]) {
  expect(res.status).toBe(400);
  expect(res.json?.error).toMatchObject({ code: "VALIDATION_ERROR", requestId: expect.any(String) });
  expect(res.json.error.details.issues).toContainEqual(expect.objectContaining({ loc, msg: expect.any(String) }));
}

describe("member surface: POST /v1/auth/token", () => {
  it("answers 422 naming external_id when it holds a NUL character", async () => {
    const res = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: `ext${NUL}${randomUUID()}`, create: true } });
    expectMemberValidation(res, ["body", "external_id"]);
  });

  it("answers 422 naming external_id when it holds a lone surrogate", async () => {
    const res = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: `ext${LONE_SURROGATE}${randomUUID()}`, create: true } });
    expectMemberValidation(res, ["body", "external_id"]);
  });

  it("answers 422 for JSON nested 5,000 deep", async () => {
    const res = await call("POST", "/v1/auth/token", { apiKey, rawBody: `{"external_id": ${nested(5000)}, "create": true}` });
    expectMemberValidation(res, ["body"]);
  });
});

describe("member surface: POST /v1/uploads", () => {
  it("answers 422 naming filename when it holds a NUL character", async () => {
    const res = await call("POST", "/v1/uploads", { token: member.token, body: { filename: `lab${NUL}.csv`, content_type: "text/csv", size: 10 } });
    expectMemberValidation(res, ["body", "filename"]);
  });

  it("answers 422 naming filename when it holds a lone surrogate", async () => {
    const res = await call("POST", "/v1/uploads", { token: member.token, body: { filename: `Glu${LONE_SURROGATE}.csv`, content_type: "text/csv", size: 10 } });
    expectMemberValidation(res, ["body", "filename"]);
  });

  it("answers 422 for JSON nested 5,000 deep", async () => {
    const res = await call("POST", "/v1/uploads", { token: member.token, rawBody: `{"filename": ${nested(5000)}}` });
    expectMemberValidation(res, ["body"]);
  });
});

describe("member surface: query values", () => {
  it("answers 422 naming the query parameter that holds a NUL character", async () => {
    const res = await call("GET", `/v1/users/${member.userId}/labs?cursor=%00`, { token: member.token });
    expectMemberValidation(res, ["query", "cursor"]);
  });
});

describe("agent surface: POST /v1/agents/lab-results", () => {
  it("answers 400 naming a lab's notes when they hold a NUL character", async () => {
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body: agentBody({ lab: { notes: `fasting${NUL}` } }) });
    expectEnvelopeValidation(res, ["body", "labResults", 0, "notes"]);
  });

  it("answers 400 naming a lab's name when it holds a lone surrogate", async () => {
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body: agentBody({ lab: { name: `Glu${LONE_SURROGATE}` } }) });
    expectEnvelopeValidation(res, ["body", "labResults", 0, "name"]);
  });

  it("answers 400 naming the patient field that holds a NUL character", async () => {
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body: agentBody({ patient: { name: `Pat${NUL}ient` } }) });
    expectEnvelopeValidation(res, ["body", "patient", "name"]);
  });

  it("answers 400 naming the patient list entry that holds a lone surrogate", async () => {
    const res = await call("POST", "/v1/agents/lab-results", {
      apiKey,
      body: agentBody({ patient: { conditions: ["Hypertension", `CKD${LONE_SURROGATE}`] } }),
    });
    expectEnvelopeValidation(res, ["body", "patient", "conditions", 1]);
  });

  it("answers 400 for a NUL character in an object key of the free-form vital signs", async () => {
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body: agentBody({ patient: { vitalSigns: [{ [`bp${NUL}`]: "120/80" }] } }) });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0].loc.slice(0, 4)).toEqual(["body", "patient", "vitalSigns", 0]);
  });

  it("answers 400 for JSON nested 5,000 deep", async () => {
    const deep = `{"a":`.repeat(5000) + "1" + "}".repeat(5000);
    const body = JSON.stringify(agentBody()).replace(`"conditions":`, `"vitalSigns":[${deep}],"conditions":`);
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, rawBody: body });
    expectEnvelopeValidation(res, ["body"]);
  });
});

describe("partner surface", () => {
  it("answers 400 naming the query parameter that holds a NUL character", async () => {
    const res = await call("GET", "/v1/diagnostics/auth?probe=a%00b", { apiKey });
    expectEnvelopeValidation(res, ["query", "probe"]);
  });
});

/**
 * A chunked body with no Content-Length that would go on for 300 MB, in 64 KiB chunks made only when pulled,
 * counting how many were.
 */
function endlessBody(totalBytes = 300 * 1024 * 1024, chunkBytes = 64 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const stats = { pulled: 0, cancelled: false, total: Math.ceil(totalBytes / chunkBytes) };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled === stats.total) return controller.close();
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

async function postStream(path: string, headers: Record<string, string>, stream: ReadableStream<Uint8Array>) {
  const init = { method: "POST", headers: { "content-type": "application/json", ...headers }, body: stream, duplex: "half" };
  const response = await appFetch(path, init as RequestInit);
  return { status: response.status, json: await response.json() };
}

describe("chunked bodies without Content-Length", () => {
  it("stop being read once past the member surface's limit, with a 413 in its shape", async () => {
    const { stream, stats } = endlessBody();
    const res = await postStream("/v1/uploads", { authorization: `Bearer ${member.token}` }, stream);
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ detail: expect.stringMatching(/exceeds/) });
    expect(stats.pulled).toBeLessThan(64); // 1 MB limit: 17 chunks, not 4,800
    expect(stats.cancelled).toBe(true);
  });

  it("stop being read once past the agent surface's limit, with a 413 in its shape", async () => {
    const { stream, stats } = endlessBody();
    const res = await postStream("/v1/agents/lab-results", { "x-api-key": apiKey }, stream);
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", requestId: expect.any(String) });
    expect(stats.pulled).toBeLessThan(128); // 2 MB limit: 33 chunks, not 4,800
    expect(stats.cancelled).toBe(true);
  });
});
