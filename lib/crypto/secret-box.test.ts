import { afterEach, describe, expect, it } from "vitest";
import { isSealed, open, seal } from "./secret-box";

const original = process.env.ENCRYPTION_KEY;
afterEach(() => {
  if (original === undefined) delete process.env.ENCRYPTION_KEY;
  else process.env.ENCRYPTION_KEY = original;
});

describe("secret box", () => {
  it("round-trips a value and never stores the plaintext", () => {
    const sealed = seal("whsec_c2VjcmV0", "webhook-secret");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("whsec_c2VjcmV0");
    expect(open(sealed, "webhook-secret")).toBe("whsec_c2VjcmV0");
  });

  it("gives a different ciphertext each time", () => {
    expect(seal("same", "webhook-secret")).not.toBe(seal("same", "webhook-secret"));
  });

  it("refuses a tampered value", () => {
    const sealed = seal("secret", "webhook-secret");
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => open(tampered, "webhook-secret")).toThrow();
  });

  it("keeps purposes apart: one purpose's key cannot open another's data", () => {
    expect(() => open(seal("secret", "webhook-secret"), "idempotency-response")).toThrow();
  });

  it("cannot be opened under another ENCRYPTION_KEY", () => {
    process.env.ENCRYPTION_KEY = "a".repeat(40);
    const sealed = seal("secret", "webhook-secret");
    process.env.ENCRYPTION_KEY = "b".repeat(40);
    expect(() => open(sealed, "webhook-secret")).toThrow();
  });

  it("reads a value written before encryption as it is", () => {
    expect(open("whsec_legacy", "webhook-secret")).toBe("whsec_legacy");
  });
});
