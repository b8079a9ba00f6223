import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { issueMemberToken, verifyMemberToken } from "./member-tokens";

beforeAll(() => {
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
});

/** The member-token signing key, derived as member-tokens.ts derives it, to sign tokens the issuer would not. */
const memberKey = () => createHash("sha256").update(`labwise member token\0${process.env.AUTH_SECRET}`).digest();

describe("member tokens", () => {
  it("round-trips member, organisation and the minting key", async () => {
    const { token, expiresIn } = await issueMemberToken("org-1", "member-1", "key-1");
    expect(expiresIn).toBeGreaterThan(0);
    expect(await verifyMemberToken(token)).toEqual({
      ok: true,
      principal: { kind: "member", organizationId: "org-1", memberId: "member-1", apiKeyId: "key-1" },
    });
  });

  it("refuses a token minted before tokens named their key", async () => {
    const legacy = await new SignJWT({ org: "org-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("member-1")
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setExpirationTime("1h")
      .sign(memberKey());
    expect(await verifyMemberToken(legacy)).toEqual({ ok: false, reason: "Token predates key binding; mint a new one" });
  });

  it("rejects a tampered payload", async () => {
    const { token } = await issueMemberToken("org-1", "member-1", "key-1");
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "member-2", org: "org-1", akid: "key-1", iss: "labwise", aud: "labwise:member", exp: 4e9 })).toString("base64url");
    expect(await verifyMemberToken(`${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: "Invalid token" });
  });

  it("rejects an expired token and one signed with another key", async () => {
    const expired = await new SignJWT({ org: "o", akid: "k" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("m")
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(memberKey());
    expect(await verifyMemberToken(expired)).toEqual({ ok: false, reason: "Token has expired" });
    const foreign = await new SignJWT({ org: "o", akid: "k" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("m")
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-key-another-key-another-key"));
    expect(await verifyMemberToken(foreign)).toEqual({ ok: false, reason: "Invalid token" });
  });

  it("remembers a verified token only until it expires", async () => {
    const { token, expiresIn } = await issueMemberToken("org-1", "member-1", "key-1");
    expect((await verifyMemberToken(token)).ok).toBe(true);
    expect((await verifyMemberToken(token)).ok).toBe(true);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + (expiresIn + 5) * 1000);
      expect(await verifyMemberToken(token)).toEqual({ ok: false, reason: "Token has expired" });
    } finally {
      vi.useRealTimers();
    }
    // A forged variant of a remembered token is still checked in full.
    const [header, payload, signature] = token.split(".");
    expect(await verifyMemberToken(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toEqual({ ok: false, reason: "Invalid token" });
  });
});
