import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { issueMemberToken, verifyMemberToken } from "./member-tokens";

beforeAll(() => {
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
});

describe("member tokens", () => {
  it("round-trips member and organisation", async () => {
    const { token, expiresIn } = await issueMemberToken("org-1", "member-1");
    expect(expiresIn).toBeGreaterThan(0);
    expect(await verifyMemberToken(token)).toEqual({ ok: true, principal: { kind: "member", organizationId: "org-1", memberId: "member-1" } });
  });

  it("rejects a tampered payload", async () => {
    const { token } = await issueMemberToken("org-1", "member-1");
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "member-2", org: "org-1", iss: "labwise", aud: "labwise:member", exp: 4e9 })).toString("base64url");
    expect(await verifyMemberToken(`${header}.${forged}.${signature}`)).toEqual({ ok: false, reason: "Invalid token" });
  });

  it("rejects an expired token and one signed with another key", async () => {
    const { createHash } = await import("node:crypto");
    const key = createHash("sha256").update(`labwise member token\0${process.env.AUTH_SECRET}`).digest();
    const expired = await new SignJWT({ org: "o" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("m")
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    expect(await verifyMemberToken(expired)).toEqual({ ok: false, reason: "Token has expired" });
    const foreign = await new SignJWT({ org: "o" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("m")
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-key-another-key-another-key"));
    expect(await verifyMemberToken(foreign)).toEqual({ ok: false, reason: "Invalid token" });
  });
});
