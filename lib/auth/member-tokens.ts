/**
 * Member-scoped JWTs (HS256, `jose`): short-lived, `sub` = member id, `org` = organisation id. A partner
 * mints one per end user with its API key (`POST /v1/auth/token`) and hands it to that user's app.
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
}

/** A key of its own for member tokens, derived from AUTH_SECRET so one secret configures the deployment. */
function signingKey(): Uint8Array {
  return createHash("sha256").update(`labwise member token\0${config().AUTH_SECRET}`).digest();
}

export async function issueMemberToken(organizationId: string, memberId: string) {
  const expiresIn = config().MEMBER_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ org: organizationId })
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

export async function verifyMemberToken(token: string): Promise<MemberTokenResult> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.org !== "string") {
      return { ok: false, reason: "Token is missing its member or organisation claim" };
    }
    return { ok: true, principal: { kind: "member", organizationId: payload.org, memberId: payload.sub } };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "Token has expired" };
    return { ok: false, reason: "Invalid token" };
  }
}

export function looksLikeJwt(value: string): boolean {
  return value.split(".").length === 3;
}
