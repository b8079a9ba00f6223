import { describe, expect, it } from "vitest";
import { lifetimeInWords, signInMail } from "./sign-in-mail";

const NOW = new Date("2026-11-28T12:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("sign-in mail", () => {
  it("says how long the link lasts in minutes or hours", () => {
    expect(lifetimeInWords(later(15), NOW)).toBe("15 minutes");
    expect(lifetimeInWords(later(1), NOW)).toBe("1 minute");
    expect(lifetimeInWords(later(24 * 60), NOW)).toBe("24 hours");
  });

  it("puts the link on a line of its own in a sign-in mail", () => {
    const mail = signInMail({ to: "a@example.test", url: "http://x.test/api/auth/callback/email?token=t", expires: later(15), reason: "sign_in" }, NOW);
    expect(mail.text.split("\n")).toContain("http://x.test/api/auth/callback/email?token=t");
    expect(mail).toMatchObject({ to: "a@example.test", reason: "sign_in", subject: "Your Labwise sign-in link" });
  });

  it("names the inviter, the organisation and the role in an invitation", () => {
    const mail = signInMail(
      { to: "b@example.test", url: "http://x.test/l", expires: later(24 * 60), reason: "invite", invitedBy: "Ada", organizationName: "North Clinic", role: "clinician" },
      NOW,
    );
    expect(mail.subject).toBe("Ada invited you to North Clinic on Labwise");
    expect(mail.text).toContain("Ada invited you to join North Clinic on Labwise as a clinician.");
  });
});
