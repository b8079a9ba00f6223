/**
 * Reads the credential a request presents: `X-Api-Key: <key>` or `Authorization: Bearer <key or JWT>`
 * (seed 002 accepts either header for API keys; member routes use Bearer JWTs). A member token is honoured
 * only while the API key that minted it is live (cached for KEY_STATUS_CACHE_MS, see ./api-keys.ts). The
 * portal's endpoints take the session cookie instead (./portal-session.ts).
 */
import { AppError } from "../http/errors";
import { authenticateApiKey, isApiKeyLive, type ApiKeyPrincipal } from "./api-keys";
import { looksLikeJwt, verifyMemberToken, type MemberPrincipal } from "./member-tokens";
import { authenticatePortalSession, type PortalPrincipal } from "./portal-session";

export type Principal = ApiKeyPrincipal | MemberPrincipal | PortalPrincipal;
/** `portalSession`: the portal's own endpoints, called by its pages with the Auth.js session cookie. */
export type CredentialKind = "apiKey" | "member" | "memberOrApiKey" | "portalSession";

function presented(request: Request): { value: string; via: "x-api-key" | "bearer" } | null {
  const apiKey = request.headers.get("x-api-key")?.trim();
  if (apiKey) return { value: apiKey, via: "x-api-key" };
  const authorization = request.headers.get("authorization")?.trim();
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match ? { value: match[1].trim(), via: "bearer" } : null;
}

export async function authenticate(request: Request, accept: CredentialKind): Promise<Principal> {
  if (accept === "portalSession") return authenticatePortalSession(request);
  const credential = presented(request);
  if (!credential) {
    throw new AppError(
      accept === "apiKey" ? "INVALID_API_KEY" : "UNAUTHENTICATED",
      accept === "member" ? "Missing member token (Authorization: Bearer <token>)" : "Missing API key (X-Api-Key or Authorization: Bearer)",
    );
  }
  const wantsMember = accept !== "apiKey" && credential.via === "bearer" && looksLikeJwt(credential.value);
  if (wantsMember) {
    const result = await verifyMemberToken(credential.value);
    if (!result.ok) throw new AppError("UNAUTHENTICATED", result.reason);
    if (!(await isApiKeyLive(result.principal.organizationId, result.principal.apiKeyId))) {
      throw new AppError("UNAUTHENTICATED", "The API key that minted this token has been revoked");
    }
    return result.principal;
  }
  if (accept === "member") throw new AppError("UNAUTHENTICATED", "This route needs a member token (Authorization: Bearer <JWT>)");
  const principal = await authenticateApiKey(credential.value);
  if (!principal) throw new AppError("INVALID_API_KEY", "Invalid or revoked API key");
  return principal;
}
