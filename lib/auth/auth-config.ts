/**
 * The portal's Auth.js configuration, free of Next.js so integration tests can run it through @auth/core's
 * `Auth()` (./portal.ts wraps it in NextAuth and supplies the request's address from `next/headers`).
 *
 * Three ways in, all to an existing, active portal user — Auth.js never creates one (a user belongs to an
 * organisation, which only an admin or the CLI can choose):
 * - e-mail and password (Credentials, ./authorize-portal-user.ts);
 * - a one-time link mailed to the user (the e-mail provider, ./sign-in-link.ts mints and sends it);
 * - single sign-on with the OpenID Connect provider named by OIDC_ISSUER, the user found by the e-mail the
 *   provider asserts.
 * Sessions are JWTs (Credentials requires it) checked against the user's row wherever they are read
 * (./session-validity.ts). Every sign-in and refusal of a known user is audited (./sign-in-audit.ts).
 */
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import type { EmailConfig } from "next-auth/providers/email";
import type { OIDCConfig } from "next-auth/providers";
import { config } from "../config";
import { db } from "../db";
import { AppError } from "../http/errors";
import { log } from "../log";
import { authorizePortalUser } from "./authorize-portal-user";
import { SignInRateLimited } from "./errors";
import { SESSION_MAX_AGE_SECONDS, sessionStartedAt } from "./session-validity";
import { recordSignIn, recordSignInRefused, recordSignInRefusedFor, signInMethodOf } from "./sign-in-audit";
import { deliverSignInLink, EMAIL_PROVIDER_ID, normalizeEmail, SIGN_IN_LINK_MAX_AGE_SECONDS } from "./sign-in-link";
import { admitSignInLinkRequest } from "./sign-in-throttle";

/** The OpenID Connect provider's id: its callback is `/api/auth/callback/oidc` (register that at the IdP). */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * Where a link request always ends, whether or not a link was sent: Auth.js's own "check your e-mail" step
 * (it forwards to `pages.verifyRequest`), byte for byte the redirect it gives after sending one, so the
 * answer never tells whether the address has an account.
 */
export const CHECK_EMAIL_PATH = `/api/auth/verify-request?${new URLSearchParams({ provider: EMAIL_PROVIDER_ID, type: "email" })}`;
/** The sign-in page's `?error=` for a throttled link request; the same for every address. */
export const LINK_RATE_LIMITED_PATH = "/sign-in?error=link_rate_limited";

/** Auth.js errors that are a visitor's outcome (shown on the sign-in page), not a fault worth a stack trace. */
const EXPECTED_ERRORS = new Set(["CredentialsSignin", "AccessDenied", "Verification"]);

export interface AuthConfigOptions {
  /** The client address of the request being handled (for throttling link requests), or null when unknown. */
  requestAddress: () => Promise<string | null>;
}

/** The OpenID Connect claims read here. */
interface OidcProfile extends Record<string, unknown> {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/**
 * The Prisma adapter, narrowed to what the portal allows. Users are never created (`createUser` throws: the
 * signIn callback refuses unknown e-mails before Auth.js would get there), e-mails are looked up as stored
 * (lower case), and an SSO identity is not linked to a user: each SSO sign-in is mapped by e-mail afresh, so
 * a user renamed or deactivated by an admin is never reached through a link made earlier.
 */
export function portalAdapter(): Adapter {
  // The adapter is typed against @prisma/client; the portal's generated client has the same models.
  const prisma = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...prisma,
    getUserByEmail: (email) => prisma.getUserByEmail!(email.trim().toLowerCase()),
    createUser: () => {
      throw new Error("Auth.js may not create portal users; the signIn callback should have refused this sign-in");
    },
    getUserByAccount: async () => null,
    linkAccount: async () => undefined,
  };
}

/** The e-mail provider: Auth.js mints and stores the token; the mail goes out through lib/mail. */
function emailProvider(): EmailConfig {
  return {
    id: EMAIL_PROVIDER_ID,
    type: "email",
    name: "E-mail link",
    maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
    normalizeIdentifier: (identifier) => {
      const email = normalizeEmail(identifier);
      if (!email) throw new Error("That is not an e-mail address");
      return email;
    },
    async sendVerificationRequest({ identifier, url, expires }) {
      await deliverSignInLink({ email: identifier, url, expires });
    },
    options: {},
  };
}

/**
 * The OpenID Connect provider, when OIDC_ISSUER is set. `allowDangerousEmailAccountLinking` lets the
 * provider's e-mail reach a user who has no SSO link yet — every user, since links are never stored. It is
 * "dangerous" where anyone can register at an IdP under someone else's address; here the IdP is the one the
 * deployment's operator chose and registered a client with, users exist only because an admin added that
 * address, and the same address can already sign in by e-mail link, so the IdP vouching for it grants
 * nothing its inbox would not. An address the IdP marks unverified (`email_verified: false`) is refused.
 */
function oidcProvider(): OIDCConfig<OidcProfile> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = config();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: OIDC_NAME,
    type: "oidc",
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    checks: ["pkce", "state"],
    // The claims come from the userinfo endpoint (checked against the ID token's subject): many providers keep
    // the ID token to `sub` and put `email` only there, as OpenID Connect Core 5.4 allows.
    idToken: false,
    allowDangerousEmailAccountLinking: true,
    profile: (profile) => ({ id: String(profile.sub), email: normalizeEmail(String(profile.email ?? "")) ?? "", name: profile.name ?? null }),
  };
}

/** Whether single sign-on is configured: the sign-in page shows its button only then. */
export function singleSignOn(): { name: string } | null {
  const provider = oidcProvider();
  return provider ? { name: provider.name } : null;
}

/** The active portal user with this e-mail, or null; a deactivated one is returned for the caller to refuse. */
function portalUserByEmail(email: string | null | undefined) {
  const normalized = email ? normalizeEmail(email) : null;
  if (!normalized) return null;
  return db.user.findUnique({ where: { email: normalized }, select: { id: true, organizationId: true, deactivatedAt: true } });
}

export function authConfig(options: AuthConfigOptions): NextAuthConfig {
  const oidc = oidcProvider();
  return {
    adapter: portalAdapter(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in/check-email" },
    logger: {
      error(error) {
        const type = (error as { type?: string }).type;
        if (type && EXPECTED_ERRORS.has(type)) log.info({ component: "auth", type }, "sign-in refused");
        else log.error({ component: "auth", err: error }, "Auth.js reported an error");
      },
    },
    trustHost: process.env.AUTH_TRUST_HOST === "true",
    providers: [
      Credentials({
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            return await authorizePortalUser(credentials, request);
          } catch (error) {
            if (error instanceof AppError && error.code === "RATE_LIMITED") throw new SignInRateLimited();
            throw error;
          }
        },
      }),
      emailProvider(),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      /**
       * Who may sign in, for every provider. Asking for a link: throttled per address and e-mail, and an
       * unknown or deactivated address gets the same "check your e-mail" answer as a real one, with no mail.
       * Signing in: only an existing, active user; for SSO, only an e-mail the IdP does not call unverified.
       */
      async signIn({ user, account, profile, email }) {
        const method = signInMethodOf(account?.provider);
        if (email?.verificationRequest) {
          const address = user.email ?? "";
          if (!(await admitSignInLinkRequest({ email: address, address: await options.requestAddress() }))) {
            void recordSignInRefusedFor(address, method, "throttled");
            return LINK_RATE_LIMITED_PATH;
          }
          const existing = await portalUserByEmail(address);
          // Audits are not awaited while asking for a link: the answer's timing must not depend on the account.
          if (existing?.deactivatedAt) void recordSignInRefused(existing, method, "deactivated");
          return existing && !existing.deactivatedAt ? true : CHECK_EMAIL_PATH;
        }
        const existing =
          method === "password" && user.id
            ? await db.user.findUnique({ where: { id: user.id }, select: { id: true, organizationId: true, deactivatedAt: true } })
            : await portalUserByEmail(user.email);
        if (!existing) {
          if (method === "oidc") log.info({ component: "auth" }, "single sign-on refused: no portal user has the e-mail the provider gave");
          return false;
        }
        if (existing.deactivatedAt) {
          await recordSignInRefused(existing, method, "deactivated");
          return false;
        }
        if (method === "oidc" && (profile as OidcProfile | undefined)?.email_verified === false) {
          await recordSignInRefused(existing, method, "email_unverified");
          return false;
        }
        return true;
      },
      jwt({ token, user, account }) {
        if (user) {
          token.organizationId = user.organizationId;
          token.role = user.role;
          token.signedInAt = Date.now();
          token.method = signInMethodOf(account?.provider);
        }
        // Auth.js re-issues the cookie with a later expiry on use; the session still ends 8 hours after sign-in.
        const startedAt = sessionStartedAt(token);
        if (startedAt === null || Date.now() - startedAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
        token.signedInAt = startedAt;
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub!;
        session.user.organizationId = token.organizationId as string;
        session.user.role = token.role as "admin" | "clinician";
        session.signedInAt = token.signedInAt as number;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (user.id && user.organizationId) await recordSignIn({ id: user.id, organizationId: user.organizationId }, signInMethodOf(account?.provider));
      },
    },
  };
}
