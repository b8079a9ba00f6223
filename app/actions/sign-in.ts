"use server";
/**
 * The sign-in page's three ways in, as server actions around Auth.js's `signIn`: each returns the visitor to
 * the page they asked for, or to /sign-in with an `?error=` the page turns into a sentence
 * (lib/auth/sign-in-messages.ts).
 */
import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { OIDC_PROVIDER_ID } from "@/lib/auth/auth-config";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { signIn } from "@/lib/auth/portal";
import { EMAIL_PROVIDER_ID, normalizeEmail } from "@/lib/auth/sign-in-link";

const again = (error: string, callbackUrl: string) => `/sign-in?error=${error}&callbackUrl=${encodeURIComponent(callbackUrl)}`;

/** "Sign in": e-mail and password. */
export async function signInWithPassword(formData: FormData) {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn("credentials", { email: formData.get("email"), password: formData.get("password"), redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") redirect(again("rate_limited", callbackUrl));
    if (error instanceof AuthError) redirect(again(error.type === "AccessDenied" ? "AccessDenied" : "credentials", callbackUrl));
    throw error;
  }
}

/**
 * "Email me a sign-in link": Auth.js's e-mail provider. Its signIn callback answers every address with the
 * same "check your e-mail" page (lib/auth/auth-config.ts) and throttles requests.
 */
export async function requestSignInLink(formData: FormData) {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  const email = normalizeEmail(String(formData.get("email") ?? ""));
  if (!email) redirect(again("email_required", callbackUrl));
  let next: string;
  try {
    next = await signIn(EMAIL_PROVIDER_ID, { email, redirectTo: callbackUrl, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) redirect(again("link_failed", callbackUrl));
    throw error;
  }
  // Auth.js answers with its own "verify request" step, which only forwards to the page: go there directly.
  redirect(new URL(next, "http://labwise.invalid").pathname === "/api/auth/verify-request" ? "/sign-in/check-email" : next);
}

/** "Continue with …": the OpenID Connect provider, when one is configured. */
export async function signInWithSso(formData: FormData) {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  try {
    await signIn(OIDC_PROVIDER_ID, { redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) redirect(again("sso_unavailable", callbackUrl));
    throw error;
  }
}
