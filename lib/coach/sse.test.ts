import { describe, expect, it } from "vitest";
import { chunkMarkdown, sseEvent } from "./sse";

describe("chunkMarkdown", () => {
  it("splits at word boundaries into chunks that join back to the text", () => {
    const text = "Your **LDL cholesterol** was 3.1 mmol/L on 2 March, within the range your lab reports [1]. ".repeat(4);
    const chunks = chunkMarkdown(text, 40);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join("")).toBe(text);
    expect(chunks.every((c) => c.length <= 40)).toBe(true);
  });

  it("cuts a word longer than a chunk rather than looping", () => {
    expect(chunkMarkdown("x".repeat(100), 40)).toEqual(["x".repeat(40), "x".repeat(40), "x".repeat(20)]);
  });
});

describe("sseEvent", () => {
  it("keeps a multi-line Markdown reply on one data line", () => {
    expect(sseEvent("delta", { text: "line one\n\n- two" })).toBe('event: delta\ndata: {"text":"line one\\n\\n- two"}\n\n');
  });
});
