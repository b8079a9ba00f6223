/**
 * A real OpenID Connect provider for the single sign-on test: `oidc-provider` with its development login
 * and consent pages (any login and password are accepted, the login becomes the subject), listening on the
 * loopback issuer playwright.config.ts gives the e2e server (E2E_OIDC). The e-mail it asserts is the login typed;
 * `unverified` lists logins it says are not verified.
 */
import type { Server } from "node:http";
import Provider, { type Account } from "oidc-provider";
import { E2E_OIDC } from "../../../playwright.config";

export async function startOidcProvider(options: { portalUrl: string; unverified?: string[] }): Promise<{ close: () => Promise<void> }> {
  const provider = new Provider(E2E_OIDC.issuer, {
    clients: [
      {
        client_id: E2E_OIDC.clientId,
        client_secret: E2E_OIDC.clientSecret,
        redirect_uris: [`${options.portalUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_context: unknown, sub: string): Promise<Account> => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: !options.unverified?.includes(sub), name: `SSO ${sub.split("@")[0]}` }),
    }),
  });
  const port = Number(new URL(E2E_OIDC.issuer).port);
  const server: Server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
