import { describe, expect, it } from "vitest";
import { sign, verify, type SignedFields } from "./signing";

const fields: SignedFields = { method: "PUT", key: "org/file", expires: 2_000_000_000, contentType: "text/csv", size: 10 };

describe("signed URL fields", () => {
  it("verifies what it signed until it expires", () => {
    const signature = sign("secret", fields);
    expect(verify("secret", fields, signature, 1_000_000_000_000)).toEqual({ ok: true });
    expect(verify("secret", fields, signature, 2_000_000_001_000)).toEqual({ ok: false, reason: "expired" });
  });

  it.each([
    ["key", { key: "org/other" }],
    ["size", { size: 11 }],
    ["content type", { contentType: "application/pdf" }],
    ["method", { method: "GET" as const }],
    ["expiry", { expires: 2_000_000_100 }],
  ])("rejects a change of %s", (_, change) => {
    const signature = sign("secret", fields);
    expect(verify("secret", { ...fields, ...change }, signature, 0)).toEqual({ ok: false, reason: "tampered" });
  });

  it("rejects another secret's signature", () => {
    expect(verify("secret", fields, sign("other", fields), 0)).toEqual({ ok: false, reason: "tampered" });
  });
});
