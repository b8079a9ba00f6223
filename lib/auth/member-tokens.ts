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
  const secret = config().AUTH_SECRET;
  if (derivedKey?.secret !== secret) derivedKey = { secret, key: createHash("sha256").update(`labwise member token\0${secret}`).digest() };
  return derivedKey.key;
}

let derivedKey: { secret: string; key: Uint8Array } | undefined;

/**
 * Tokens whose signature and claims were already checked, until they expire: a member app sends the same
 * token with every request, and an HMAC through WebCrypto per request is most of what a stored read costs.
 * Only the exact string that verified is remembered; whether its key is still live is asked on every request
 * (./credentials.ts). Bounded: past VERIFIED_TOKENS_MAX it starts over.
 */
const verifiedTokens = new Map<string, { principal: MemberPrincipal; expiresAt: number }>();
const VERIFIED_TOKENS_MAX = 10_000;

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
  const known = verifiedTokens.get(token);
  if (known) {
    if (Date.now() < known.expiresAt) return { ok: true, principal: known.principal };
    verifiedTokens.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.org !== "string") {
      return { ok: false, reason: "Token is missing its member or organisation claim" };
    }
    // Tokens minted before tokens named their key cannot be tied to a revocation; they expire within the TTL.
    if (typeof payload.akid !== "string") return { ok: false, reason: "Token predates key binding; mint a new one" };
    const principal: MemberPrincipal = { kind: "member", organizationId: payload.org, memberId: payload.sub, apiKeyId: payload.akid };
    if (typeof payload.exp === "number") {
      if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) verifiedTokens.clear();
      verifiedTokens.set(token, { principal, expiresAt: payload.exp * 1000 });
    }
    return { ok: true, principal };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "Token has expired" };
    return { ok: false, reason: "Invalid token" };
  }
}

export function looksLikeJwt(value: string): boolean {
  return value.split(".").length === 3;
}
