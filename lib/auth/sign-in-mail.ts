/**
 * The words of the sign-in and invitation e-mails, apart from sending them (../mail) so they can be read
 * and tested on their own. Plain text: every mail client shows it, and the link is the whole message.
 */
import type { OutgoingMail } from "../mail";

export interface SignInMailInput {
  to: string;
  url: string;
  /** When the link stops working. */
  expires: Date;
  reason: "sign_in" | "invite";
  /** For an invitation: who invited them (a name or e-mail as the users page knows them), if known. */
  invitedBy?: string | null;
  /** For an invitation: the organisation they join. */
  organizationName?: string;
  /** For an invitation: the role they were given. */
  role?: "admin" | "clinician";
}

const ROLE_WORDS = { admin: "an administrator", clinician: "a clinician" } as const;

/** "15 minutes", "24 hours": how long from `now` until `expires`, rounded to what a person would say. */
export function lifetimeInWords(expires: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.round((expires.getTime() - now.getTime()) / 60_000));
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

export function signInMail(input: SignInMailInput, now = new Date()): OutgoingMail {
  const lifetime = lifetimeInWords(input.expires, now);
  if (input.reason === "invite") {
    const organization = input.organizationName ?? "their organisation";
    const who = input.invitedBy?.trim() || `An administrator of ${organization}`;
    const role = input.role ? ` as ${ROLE_WORDS[input.role]}` : "";
    return {
      to: input.to,
      reason: "invite",
      url: input.url,
      subject: `${who} invited you to ${organization} on Labwise`,
      text: [
        `${who} invited you to join ${organization} on Labwise${role}.`,
        "",
        "Open this link to sign in for the first time:",
        "",
        input.url,
        "",
        `The link works once and expires in ${lifetime}. After that, ask for a new sign-in link on the sign-in page with this e-mail address.`,
        "If you were not expecting this invitation, you can ignore this e-mail.",
      ].join("\n"),
    };
  }
  return {
    to: input.to,
    reason: "sign_in",
    url: input.url,
    subject: "Your Labwise sign-in link",
    text: [
      "Open this link to sign in to Labwise:",
      "",
      input.url,
      "",
      `The link works once and expires in ${lifetime}.`,
      "If you did not ask to sign in, you can ignore this e-mail: nobody can sign in without the link.",
    ].join("\n"),
  };
}
