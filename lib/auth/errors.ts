// @auth/core is the engine next-auth pins (0.41.3); importing "next-auth" itself would pull in Next.js, which the
// route tests of ./auth-config.ts run without.
import { CredentialsSignin } from "@auth/core/errors";

/**
 * Too many attempts for this account or from this address. Auth.js hands `code` to the sign-in action (and to
 * `?code=` on its own pages); it says nothing about whether the account exists.
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}
