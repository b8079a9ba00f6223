import { describe, expect, it } from "vitest";
import { toAppError } from "../http/errors";
import { CoachStoredJsonError, readCitations, readGuardrails, writeCitations, writeGuardrails } from "./codecs";

const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const guardrails = { declineTopics: ["supplements"], clinicianReferral: "Ask your doctor.", emergencyMessage: "Call emergency services." };
const citations = { "1": { url: "https://example.org/g", title: "A guideline", metadata: { type: "guideline" as const } } };

describe("coach JSON codecs", () => {
  it("writes a version and reads the value back without it", () => {
    expect(writeGuardrails(guardrails)).toEqual({ v: 1, ...guardrails });
    expect(readGuardrails(stored(writeGuardrails(guardrails)), "p1")).toEqual(guardrails);
    expect(writeCitations(citations)).toEqual({ v: 1, citations });
    expect(readCitations(stored(writeCitations(citations)), "m1")).toEqual(citations);
  });

  it("refuses a stored value of no known shape, naming the column and row, as an internal error", () => {
    const error = (() => {
      try {
        readGuardrails({ declineTopics: "all" }, "p1");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CoachStoredJsonError);
    expect((error as Error).message).toContain("coach_profiles.guardrails of p1");
    expect(toAppError(error).code).toBe("INTERNAL_ERROR");
    expect(() => readCitations({ "1": citations["1"] }, "m1")).toThrow(/chat_messages.citations of m1/);
  });
});
