/**
 * Member-scoped JWTs (HS256, `jose`): short-lived, `sub` = member id, `org` = organisation id, `akid` = the
 * API key that minted it. A partner mints one per end user with its API key (`POST /v1/auth/token`) and hands
 * it to that user's app. A token is only as good as its key: ./credentials.ts refuses it once `akid` is
 * revoked, so revoking a leaked key also ends the member sessions it opened.
 */
import { createHash } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { config } from "../config";

const ISSUER = "labwise";
const AUDIENCE = "labwise:member";

export interface MemberPrincipal {
  kind: "member";
  organizationId: string;
  memberId: string;
  /** The API key that minted the token; the token dies with it. */
  apiKeyId: string;
}

/** A key of its own for member tokens, derived from AUTH_SECRET so one secret configures the deployment. */
function signingKey(): Uint8Array {
  return createHash("sha256").update(`labwise member token\0${config().AUTH_SECRET}`).digest();
}

export async function issueMemberToken(organizationId: string, memberId: string, apiKeyId: string) {
  const expiresIn = config().MEMBER_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ org: organizationId, akid: apiKeyId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(memberId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(signingKey());
  return { token, expiresIn };
}

export type MemberTokenResult = { ok: true; principal: MemberPrincipal } | { ok: false; reason: string };

/**
 * Checks signature, issuer, audience, expiry and claims: everything the token says about itself. Whether its
 * minting key is still live is the caller's question (./credentials.ts), which needs the database.
 */
export async function verifyMemberToken(token: string): Promise<MemberTokenResult> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.org !== "string") {
      return { ok: false, reason: "Token is missing its member or organisation claim" };
    }
    // Tokens minted before tokens named their key cannot be tied to a revocation; they expire within the TTL.
    if (typeof payload.akid !== "string") return { ok: false, reason: "Token predates key binding; mint a new one" };
    return { ok: true, principal: { kind: "member", organizationId: payload.org, memberId: payload.sub, apiKeyId: payload.akid } };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "Token has expired" };
    return { ok: false, reason: "Invalid token" };
  }
}

export function looksLikeJwt(value: string): boolean {
  return value.split(".").length === 3;
}
