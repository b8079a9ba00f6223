/**
 * Portal sign-in (Auth.js v5): e-mail and password for portal users (./authorize-portal-user.ts: throttled,
 * and silent about which e-mails have accounts), JWT sessions carrying the user's organisation and role.
 * Credentials sign-in requires the JWT session strategy.
 */
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import { redirect } from "next/navigation";
import Credentials from "next-auth/providers/credentials";
import { AppError } from "../http/errors";
import { log } from "../log";
import { authorizePortalUser } from "./authorize-portal-user";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string; role: "admin" | "clinician" } & DefaultSession["user"];
  }
  interface User {
    organizationId?: string;
    role?: "admin" | "clinician";
  }
}

/**
 * Too many attempts for this account or from this address. Auth.js hands `code` to the sign-in action (and to
 * `?code=` on its own pages); it says nothing about whether the account exists.
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome shown on the page, not a server error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") log.error({ component: "auth", err: error }, "Auth.js reported an error");
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
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.organizationId = user.organizationId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.organizationId = token.organizationId as string;
      session.user.role = token.role as "admin" | "clinician";
      return session;
    },
  },
});

/**
 * The signed-in portal user, or a redirect to sign-in. Every portal page calls it itself: a layout's
 * check does not guard its pages, which App Router renders in parallel with it.
 */
export async function requirePortalUser() {
  const session = await auth();
  if (!session?.user) redirect("/sign-in");
  return session.user;
}
