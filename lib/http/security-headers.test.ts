import { describe, expect, it } from "vitest";
import { HSTS, newNonce, pageSecurityHeaders, storageConnectSources } from "./security-headers";

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

  it("lets pages PUT uploads to the S3 bucket, and to nowhere else", () => {
    const connectSrc = (sources: string[]) =>
      pageSecurityHeaders({ nonce: "n", publicBaseUrl: "http://localhost:3000", connectSources: sources })["Content-Security-Policy"].split("; ").find((d) => d.startsWith("connect-src"));
    expect(connectSrc(storageConnectSources({}))).toBe("connect-src 'self'");
    expect(storageConnectSources({ STORAGE_DRIVER: "local", S3_BUCKET: "b" })).toEqual([]);
    expect(storageConnectSources({ STORAGE_DRIVER: "s3", S3_BUCKET: "labs", S3_REGION: "eu-west-1" })).toEqual([
      "https://s3.eu-west-1.amazonaws.com",
      "https://labs.s3.eu-west-1.amazonaws.com",
      "https://labs.s3.amazonaws.com",
    ]);
    const minio = storageConnectSources({ STORAGE_DRIVER: "s3", S3_BUCKET: "labs", S3_ENDPOINT: "http://minio.internal:9000" });
    expect(minio).toEqual(["http://minio.internal:9000", "http://labs.minio.internal:9000"]);
    expect(connectSrc(minio)).toBe("connect-src 'self' http://minio.internal:9000 http://labs.minio.internal:9000");
  });
});
