import { describe, expect, it } from "vitest";
import { storableText } from "./storable-text";

describe("storableText", () => {
  it("removes NUL and replaces unpaired surrogates in every string and key, counting the strings it changed", () => {
    const { value, cleaned } = storableText({ name: "Glu\u0000cose", notes: ["ok", "\ud800x"], ["k\u0000"]: { deep: "y\udc00" }, n: 5, none: null });
    expect(value).toEqual({ name: "Glucose", notes: ["ok", "\ufffdx"], k: { deep: "y\ufffd" }, n: 5, none: null });
    expect(cleaned).toBe(4);
  });

  it("keeps well-formed text, surrogate pairs (emoji) included, as it was", () => {
    const input = { name: "Hämoglobin 🧪", value: "13.5" };
    expect(storableText(input)).toEqual({ value: input, cleaned: 0 });
  });
});
