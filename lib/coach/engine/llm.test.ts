/**
 * The optional model against a local fake OpenAI-compatible server (node:http on 127.0.0.1): what it is handed,
 * an answer that keeps to the facts (sent), one that invents a number or a citation (replaced by the
 * deterministic reply), a timeout and an error (the deterministic reply), and the guardrails it never sees.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { interpret } from "../../clinical/interpret";
import { panelOf } from "../../clinical/test-support";
import { config, resetConfig } from "../../config";
import type { CoachPersona } from "../types";
import { toMemberFacts } from "./facts";
import { coachReply } from "./index";
import { llmSettings, refusal, type LlmSettings } from "./llm";

const patient = { age: 58, sex: "male" as const };
const panel = panelOf(patient, [{ name: "HbA1c", value: 7.2, unit: "%", range: { low: 4, high: 5.6 }, date: "2025-01-15" }]);
const FACTS = toMemberFacts(panel, () => "lab-1", [{ labResultId: "lab-1", findings: interpret(panel, patient).findings }]);

const PROFILE: CoachPersona = {
  name: "Ada",
  persona: "A calm coach.",
  tone: "warm",
  readingLevel: "plain",
  focusAreas: [],
  greeting: "Hello.",
  guardrails: { declineTopics: [], clinicianReferral: "Ask your clinician.", emergencyMessage: "This may be an emergency." },
  citationPolicy: "inline",
};

interface Received {
  path: string;
  authorization?: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

let server: Server;
let settings: LlmSettings;
let answer: (request: Received) => { status?: number; content?: string; delayMs?: number };
const received: Received[] = [];

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    request.on("data", (chunk: Buffer) => (data += chunk.toString()));
    request.on("end", () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = JSON.parse(await read(request)) as Received["body"];
    const entry: Received = { path: request.url ?? "", authorization: request.headers.authorization, body };
    received.push(entry);
    const { status = 200, content = "", delayMs = 0 } = answer(entry);
    setTimeout(() => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  settings = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: "fake-coach", apiKey: "local-key", timeoutMs: 500 };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  received.length = 0;
});

const ask = (message: string) => coachReply({ profile: PROFILE, facts: FACTS, message }, settings);

describe("the coach's optional model", () => {
  it("is handed the persona, tone, reading level, the facts and the numbered citations", async () => {
    answer = () => ({ content: "Your A1c was 7.2% on 2025-01-15. [1]" });
    await ask("what is my a1c?");
    expect(received).toHaveLength(1);
    const [{ path, authorization, body }] = received;
    expect(path).toBe("/v1/chat/completions");
    expect(authorization).toBe("Bearer local-key");
    expect(body.model).toBe("fake-coach");
    const system = body.messages[0].content;
    expect(system).toMatch(/You are Ada/);
    expect(system).toMatch(/Tone: warm\. Plain language for a reader at about grade 6/);
    expect(system).toMatch(/\*\*7\.2%\*\* on 2025-01-15/);
    expect(system).toMatch(/CITATIONS:\n\[1\] /);
    expect(body.messages[1]).toEqual({ role: "user", content: "what is my a1c?" });
  });

  it("sends an answer whose numbers and citations all come from the facts", async () => {
    answer = () => ({ content: "Your average blood sugar was 7.2% on 2025-01-15. That is above the usual range of 4% to 5.6%. [1]" });
    const reply = await ask("what is my a1c?");
    expect(reply.markdown).toBe("Your average blood sugar was 7.2% on 2025-01-15. That is above the usual range of 4% to 5.6%. [1]");
    expect(reply.intent).toBe("value");
    expect(reply.citations["1"]).toBeDefined();
  });

  it("replaces an answer that invents a number with the deterministic reply", async () => {
    answer = () => ({ content: "Your A1c was 7.2%, and your average glucose is about 160 mg/dL. [1]" });
    const deterministic = await coachReply({ profile: PROFILE, facts: FACTS, message: "what is my a1c?" }, null);
    const reply = await ask("what is my a1c?");
    expect(received).toHaveLength(1);
    expect(reply).toEqual(deterministic);
    expect(reply.markdown).not.toMatch(/160/);
  });

  it("replaces an answer that cites a source it was not handed", async () => {
    answer = () => ({ content: "Your A1c was 7.2%. [1][7]" });
    expect((await ask("what is my a1c?")).markdown).toMatch(/^Thanks for asking/);
  });

  it("sends the deterministic reply when the model is too slow or fails", async () => {
    answer = () => ({ content: "Your A1c was 7.2%. [1]", delayMs: 1500 });
    expect((await ask("what is my a1c?")).markdown).toMatch(/^Thanks for asking/);
    answer = () => ({ status: 500 });
    expect((await ask("what is my a1c?")).markdown).toMatch(/^Thanks for asking/);
  });

  it("never sees an emergency or a refusal", async () => {
    answer = () => ({ content: "Take 500 mg." });
    expect((await ask("I have chest pain")).intent).toBe("emergency");
    expect((await ask("how much metformin should I take")).intent).toBe("dosing");
    expect(received).toHaveLength(0);
  });
});

describe("the grounding check", () => {
  const citations = { "1": { url: "https://example.org", title: "Standards of Care 2025", metadata: { type: "guideline" as const } } };
  it.each([
    ["7.20% [1]", null],
    ["As of 2025 [1]", null],
    ["8% [1]", "states 8, which is not in the facts"],
    ["7.2% [2]", "cites [2], which is not one of the citations"],
    ["see [this](https://x.example)", "adds a link or HTML"],
    ["", "empty answer"],
  ])("%j → %s", (text, expected) => {
    // What the model was handed: the reply (with its marker) and the citation's title.
    expect(refusal(text, `Your A1c was 7.2%. [1]\n${citations["1"].title}`, citations)).toBe(expected);
  });
});

describe("COACH_LLM_* configuration", () => {
  it("is off unless both the URL and the model are set, and reads the key and timeout", () => {
    const before = { ...process.env };
    try {
      delete process.env.COACH_LLM_URL;
      process.env.COACH_LLM_MODEL = "m";
      resetConfig();
      expect(llmSettings()).toBeNull();
      process.env.COACH_LLM_URL = "http://127.0.0.1:11434/v1";
      process.env.COACH_LLM_API_KEY = "k";
      process.env.COACH_LLM_TIMEOUT_MS = "2500";
      resetConfig();
      expect(llmSettings()).toEqual({ url: "http://127.0.0.1:11434/v1", model: "m", apiKey: "k", timeoutMs: 2500 });
      process.env.COACH_LLM_URL = "not a url";
      resetConfig();
      expect(() => config()).toThrow(/COACH_LLM_URL must be an absolute URL/);
    } finally {
      process.env = before;
      resetConfig();
    }
  });
});
