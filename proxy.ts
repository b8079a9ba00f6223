/**
 * Next.js Proxy (formerly Middleware) for portal pages and Auth.js: a fresh CSP nonce per request, the page
 * security headers (lib/http/security-headers.ts), and — unless the app sits behind a trusted proxy
 * (AUTH_TRUST_HOST=true) — no X-Forwarded-For, so the sign-in throttle never counts an address a client
 * made up (lib/auth/sign-in-throttle.ts says what that costs).
 *
 * The API (/v1, /health, /ready, /api/inngest, /api/portal, /storage, /openapi.*) and static assets skip it: they render no
 * HTML and should not pay for it; next.config.mjs gives them the static headers and a CSP of their own.
 */
import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "@/lib/auth/callback-path";
import { newNonce, pageSecurityHeaders, storageConnectSources } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = pageSecurityHeaders({
    nonce,
    publicBaseUrl: process.env.PUBLIC_BASE_URL ?? request.nextUrl.origin,
    dev: process.env.NODE_ENV === "development",
    connectSources: storageConnectSources(process.env),
  });
  const upstream = new Headers(request.headers);
  // Next.js finds the nonce in the request's CSP while rendering and puts it on its scripts.
  upstream.set("content-security-policy", headers["Content-Security-Policy"]);
  upstream.set("x-nonce", nonce);
  // The page asked for, so a signed-out visitor lands on it after signing in (lib/auth/portal.ts).
  upstream.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  if (process.env.AUTH_TRUST_HOST !== "true") upstream.delete("x-forwarded-for");
  const response = NextResponse.next({ request: { headers: upstream } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!(?:v1|health|ready|storage|api/inngest|api/portal|openapi\\.json|openapi\\.yaml)(?:/|$)|_next/static/|_next/image|favicon\\.ico).*)",
      // Link prefetches fetch data, not documents; the navigation that follows gets its own nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
