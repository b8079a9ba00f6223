/**
 * The headers every portal page answers with (set per request by proxy.ts): a Content-Security-Policy whose
 * scripts need this response's nonce — no `'unsafe-inline'`, so an injected `<script>` does not run — and,
 * when the public address is https, HSTS. Next.js reads the nonce from the request's CSP and puts it on its
 * own scripts (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md). The headers that do
 * not change per request (X-Content-Type-Options, X-Frame-Options, …) are in next.config.mjs, for every path.
 *
 * `'strict-dynamic'` lets a nonced script load the chunks it needs and makes `'self'` a fallback for
 * browsers without CSP 3 (https://www.w3.org/TR/CSP3/#strict-dynamic-usage). Styles keep `'unsafe-inline'`:
 * React renders `style` attributes, which a nonce cannot cover, and CSS cannot run script.
 */

/** Two years, subdomains included: the value hstspreload.org asks for, without opting into the preload list. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh nonce: 128 random bits, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Where the portal's pages send file bytes, beside their own origin: with S3 storage the browser PUTs each
 * upload straight to the bucket's pre-signed URL (path-style or virtual-hosted, on AWS or a custom endpoint),
 * so `connect-src` names the bucket's origins and nothing wider.
 */
export function storageConnectSources(env: Record<string, string | undefined>): string[] {
  if (env.STORAGE_DRIVER !== "s3" || !env.S3_BUCKET) return [];
  const bucket = env.S3_BUCKET;
  if (env.S3_ENDPOINT) {
    const endpoint = new URL(env.S3_ENDPOINT);
    return [endpoint.origin, `${endpoint.protocol}//${bucket}.${endpoint.host}`];
  }
  const region = env.S3_REGION || "us-east-1";
  return [`https://s3.${region}.amazonaws.com`, `https://${bucket}.s3.${region}.amazonaws.com`, `https://${bucket}.s3.amazonaws.com`];
}

export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean; connectSources?: string[] } = {}): string {
  return [
    "default-src 'self'",
    // React's development build reconstructs server errors with eval; production never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...(options.connectSources ?? [])].join(" "),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** CSP (with `nonce`) and, only when `publicBaseUrl` is https, Strict-Transport-Security. */
export function pageSecurityHeaders(input: { nonce: string; publicBaseUrl: string; dev?: boolean; connectSources?: string[] }): Record<string, string> {
  const https = input.publicBaseUrl.startsWith("https://");
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(input.nonce, { dev: input.dev, https, connectSources: input.connectSources }),
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
