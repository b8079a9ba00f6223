/**
 * What the sign-in page says for each `?error=`: its own codes and Auth.js's error types, in plain sentences.
 * None tells whether an e-mail has an account, and none shows Auth.js's own words ("Configuration", stack
 * traces); an unknown code gets the general sentence.
 */
const MESSAGES: Record<string, string> = {
  credentials: "That e-mail and password do not match an account.",
  CredentialsSignin: "That e-mail and password do not match an account.",
  rate_limited: "Too many sign-in attempts. Wait 15 minutes, then try again.",
  link_rate_limited: "Too many sign-in links were asked for. Wait 15 minutes, then try again.",
  email_required: "Enter your e-mail address to get a sign-in link.",
  link_failed: "The sign-in link could not be sent just now. Try again in a minute, or sign in with your password.",
  Verification: "That sign-in link has expired or has already been used. Ask for a new one below.",
  AccessDenied: "This account cannot sign in. If you should have access, ask your organisation's administrator.",
  OAuthAccountNotLinked: "This account cannot sign in. If you should have access, ask your organisation's administrator.",
  sso_unavailable: "Single sign-on is not answering just now. Try again in a minute, or use another way to sign in.",
  OAuthCallbackError: "Single sign-on did not complete. Try again, or use another way to sign in.",
};

const GENERAL = "Sign-in did not complete. Try again in a minute, or use another way to sign in.";

/** The sentence for `?error=` (and Auth.js's `?code=`), or null when there is none. */
export function signInErrorMessage(error: string | undefined, code?: string): string | null {
  if (!error) return null;
  if (code === "rate_limited") return MESSAGES.rate_limited;
  return Object.hasOwn(MESSAGES, error) ? MESSAGES[error] : GENERAL;
}
