import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { jsonDepthExceeds, parseJson, readBody, requireStorableText, unstorableText } from "./request-input";

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("unstorableText", () => {
  it("accepts ordinary text, emoji (a proper surrogate pair) and non-string values", () => {
    expect(unstorableText({ a: "Glucose 99 mg/dL", b: ["µmol/L", "😀"], c: 1, d: null, e: true }, ["body"])).toEqual([]);
  });

  it("names a NUL character's field", () => {
    expect(unstorableText({ labs: [{ notes: "a\u0000b" }] }, ["body"])).toEqual([
      { loc: ["body", "labs", 0, "notes"], msg: expect.stringMatching(/NUL/), type: "string_nul_character" },
    ]);
  });

  it("names a lone high surrogate, a lone low surrogate and a reversed pair", () => {
    const issues = unstorableText(["Glu\ud800", "\udc00x", "\udc00\ud800"], ["body"]);
    expect(issues.map((i) => [i.loc, i.type])).toEqual([
      [["body", 0], "string_unpaired_surrogate"],
      [["body", 1], "string_unpaired_surrogate"],
      [["body", 2], "string_unpaired_surrogate"],
    ]);
  });

  it("names a bad object key with the bad characters replaced, so the answer stays printable", () => {
    const [issue] = unstorableText({ vitals: { "bp\u0000": "120/80" } }, ["body"]);
    expect(issue.loc).toEqual(["body", "vitals", "bp\ufffd"]);
    expect(issue.msg).toMatch(/^Field name/);
  });

  it("lists at most 20 problems however many there are", () => {
    expect(unstorableText(Array(1000).fill("\u0000"), ["body"])).toHaveLength(20);
  });

  it("requireStorableText throws a validation error carrying the issues", () => {
    const error = thrown(() => requireStorableText({ cursor: "\u0000" }, "query"));
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.issues?.[0].loc).toEqual(["query", "cursor"]);
  });
});

describe("parseJson", () => {
  it("parses JSON nested up to the limit", () => {
    expect(parseJson("[".repeat(64) + "]".repeat(64))).toBeInstanceOf(Array);
  });

  it("refuses JSON nested past the limit with a validation error on the body", () => {
    const error = thrown(() => parseJson(`{"a": ${"[".repeat(5000)}${"]".repeat(5000)}}`));
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.issues).toEqual([{ loc: ["body"], msg: expect.stringMatching(/64/), type: "json_too_deep" }]);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: "[".repeat(100), b: '\\"[[[' }), 2)).toBe(false);
  });

  it("still reports malformed JSON and an empty body", () => {
    expect(thrown(() => parseJson("{not json")).issues?.[0].type).toBe("json_invalid");
    expect(thrown(() => parseJson("  ")).issues?.[0].type).toBe("missing");
  });
});

describe("readBody", () => {
  const streamOf = (chunks: string[]) => {
    const encoder = new TextEncoder();
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === chunks.length) return controller.close();
        controller.enqueue(encoder.encode(chunks[pulled++]));
      },
    });
    const request = new Request("http://localhost/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    return { request, pulled: () => pulled };
  };

  it("reads a body within the limit, as Request.text() would (BOM dropped, chunks split inside a character)", async () => {
    const bytes = new TextEncoder().encode("\ufeff{\"unit\":\"µmol/L\"}");
    const request = new Request("http://localhost/", { method: "POST", body: bytes });
    expect(await readBody(request, 1024)).toBe('{"unit":"µmol/L"}');
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 13)); // ends between the two bytes of "µ"
        controller.enqueue(bytes.subarray(13));
        controller.close();
      },
    });
    const chunked = new Request("http://localhost/", { method: "POST", body: split, duplex: "half" } as RequestInit);
    expect(await readBody(chunked, 1024)).toBe('{"unit":"µmol/L"}');
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://localhost/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "10" } });
    await expect(readBody(request, 5)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a stream as soon as it passes the limit", async () => {
    const { request, pulled } = streamOf(Array(1000).fill("x".repeat(100)));
    await expect(readBody(request, 250)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled()).toBeLessThan(10);
  });

  it("answers an empty string for a request without a body", async () => {
    expect(await readBody(new Request("http://localhost/", { method: "POST" }), 10)).toBe("");
  });
});
