/**
 * Where sign-in sends the user afterwards: the portal page they asked for, and only a page of this portal.
 * Anything else — another origin, a protocol-relative `//host`, a backslash that browsers read as a slash,
 * control characters — falls back to the labs list, so the sign-in page cannot be used as an open redirect
 * (OWASP Unvalidated Redirects and Forwards Cheat Sheet).
 */
export const DEFAULT_AFTER_SIGN_IN = "/labs";

/** The request header proxy.ts sets to the page's path and query, for pages to read where they are. */
export const PAGE_PATH_HEADER = "x-labwise-page";

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return DEFAULT_AFTER_SIGN_IN;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  const url = new URL(value, "http://labwise.invalid");
  if (url.origin !== "http://labwise.invalid" || url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page for a visitor who asked for `path`. */
export function signInPathFor(path: string | null | undefined): string {
  const target = safeCallbackPath(path);
  return target === DEFAULT_AFTER_SIGN_IN ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(target)}`;
}
