import { describe, expect, it } from "vitest";
import { HSTS, newNonce, pageSecurityHeaders } from "./security-headers";

const scriptSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src "));

describe("page security headers", () => {
  it("lets scripts run only with this response's nonce, never inline", () => {
    const csp = pageSecurityHeaders({ nonce: "abc123==", publicBaseUrl: "http://localhost:3000" })["Content-Security-Policy"];
    expect(scriptSrc(csp)).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("adds 'unsafe-eval' only for the development server", () => {
    const dev = pageSecurityHeaders({ nonce: "n", publicBaseUrl: "http://localhost:3000", dev: true })["Content-Security-Policy"];
    expect(scriptSrc(dev)).toContain("'unsafe-eval'");
    const prod = pageSecurityHeaders({ nonce: "n", publicBaseUrl: "http://localhost:3000" })["Content-Security-Policy"];
    expect(prod).not.toContain("unsafe-eval");
  });

  it("sends HSTS (and upgrades insecure requests) only when the public address is https", () => {
    const https = pageSecurityHeaders({ nonce: "n", publicBaseUrl: "https://labs.example.com" });
    expect(https["Strict-Transport-Security"]).toBe(HSTS);
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    const http = pageSecurityHeaders({ nonce: "n", publicBaseUrl: "http://localhost:3000" });
    expect(http).not.toHaveProperty("Strict-Transport-Security");
    expect(http["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
  });

  it("draws a new 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
