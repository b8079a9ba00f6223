/**
 * Portal sign-in (Auth.js v5): e-mail and password for portal users, JWT sessions carrying the user's
 * organisation and role. Credentials sign-in requires the JWT session strategy.
 */
import NextAuth, { type DefaultSession } from "next-auth";
import { redirect } from "next/navigation";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { verifyPassword } from "./passwords";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string; role: "admin" | "clinician" } & DefaultSession["user"];
  }
  interface User {
    organizationId?: string;
    role?: "admin" | "clinician";
  }
}

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

/** The portal user for an e-mail and password, or null; the same answer for unknown e-mail and bad password. */
export async function authorizePortalUser(input: unknown) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
  if (!user?.passwordHash || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome shown on the page, not a server error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  trustHost: process.env.AUTH_TRUST_HOST === "true",
  providers: [
    Credentials({
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizePortalUser,
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
