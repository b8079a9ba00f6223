/** The sign-in variables as the run command checks them before starting (lib/config `startupConfigurationError`). */
import { describe, expect, it } from "vitest";
import { startupConfigurationError } from "../config";

const BASE = { NODE_ENV: "test", AUTH_SECRET: "x".repeat(40), DATABASE_URL: "postgresql://u@127.0.0.1/db" } as const;
const OIDC = { OIDC_CLIENT_ID: "labwise", OIDC_CLIENT_SECRET: "secret" };

describe("sign-in configuration", () => {
  it("accepts an https issuer, and http only on a loopback address", () => {
    expect(startupConfigurationError({ ...BASE, ...OIDC, OIDC_ISSUER: "https://login.example.com/realms/clinic" })).toBeNull();
    expect(startupConfigurationError({ ...BASE, ...OIDC, OIDC_ISSUER: "http://127.0.0.1:3201" })).toBeNull();
    expect(startupConfigurationError({ ...BASE, ...OIDC, OIDC_ISSUER: "http://localhost:8080/realms/test" })).toBeNull();
    expect(startupConfigurationError({ ...BASE, ...OIDC, OIDC_ISSUER: "http://login.example.com" })).toMatch(/^Invalid configuration: OIDC_ISSUER must be the https URL/);
  });

  it("names the client credentials an issuer is missing", () => {
    expect(startupConfigurationError({ ...BASE, OIDC_ISSUER: "https://login.example.com" })).toBe(
      "Invalid configuration: OIDC_CLIENT_ID: required when OIDC_ISSUER is set; OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set",
    );
  });

  it("takes an smtp or smtps URL for EMAIL_SERVER and nothing else", () => {
    expect(startupConfigurationError({ ...BASE, EMAIL_SERVER: "smtps://user:pass@smtp.example.com:465" })).toBeNull();
    expect(startupConfigurationError({ ...BASE, EMAIL_SERVER: "smtp://smtp.example.com:587" })).toBeNull();
    expect(startupConfigurationError({ ...BASE, EMAIL_SERVER: "https://smtp.example.com" })).toMatch(/EMAIL_SERVER must be an SMTP URL/);
  });

  it("treats empty values as unset", () => {
    expect(startupConfigurationError({ ...BASE, OIDC_ISSUER: "", EMAIL_SERVER: "", OIDC_NAME: "" })).toBeNull();
  });
});
