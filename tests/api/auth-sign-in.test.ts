/**
 * Portal sign-in through Auth.js's real handlers (`/api/auth/*`, configured by lib/auth/auth-config.ts) on the
 * real database: asking for a sign-in link (the same answer for every address, throttled), following it
 * (once, before it expires, only for an active user), password sign-in of a deactivated user, the audit
 * rows of each, and the session rules every portal endpoint applies (revoked, deactivated, too old → 401).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Auth } from "@auth/core";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authConfig, CHECK_EMAIL_PATH, LINK_RATE_LIMITED_PATH } from "@/lib/auth/auth-config";
import { revokeSessions } from "@/lib/auth/revoke-sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-validity";
import { sendSignInLink } from "@/lib/auth/sign-in-link";
import { LINK_RULE } from "@/lib/auth/sign-in-throttle";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { addPortalUser } from "@/lib/organizations";
import { call } from "../support/app";
import { createPortalUser, createTenant } from "../support/fixtures";

const BASE = "http://localhost:3000";
const PASSWORD = "correct horse battery staple";
const octet = () => Math.floor(Math.random() * 256);
const ownAddress = () => `10.${octet()}.${octet()}.${octet()}`;

/**
 * Auth.js's route handlers as the app mounts them (`/api/auth/*`), for a client at `address`: @auth/core's
 * `Auth`, which next-auth's handlers call with the same base path and secret (next-auth itself needs Next.js).
 */
function authHandlers(address: string | null = ownAddress()) {
  const options = { ...authConfig({ requestAddress: async () => address }), basePath: "/api/auth", secret: process.env.AUTH_SECRET, trustHost: true };
  const handler = (request: Request) => Auth(request, options);
  return { GET: handler, POST: handler };
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** Asks for a sign-in link the way the sign-in page's form does: CSRF token first, then the POST. */
async function requestLink(email: string, handlers = authHandlers()) {
  const csrf = await handlers.GET(new Request(`${BASE}/api/auth/csrf`));
  const { csrfToken } = await csrf.json();
  return handlers.POST(
    new Request(`${BASE}/api/auth/signin/email`, {
      method: "POST",
      headers: { cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${BASE}/patients` }),
    }),
  );
}

/** Opens a sign-in link as a browser would: Auth.js's callback answers with a redirect and, on success, a session cookie. */
async function follow(link: string, handlers = authHandlers()) {
  const response = await handlers.GET(new Request(link));
  return { status: response.status, location: response.headers.get("location") ?? "", cookie: cookiesOf(response) };
}

async function user(options: { deactivated?: boolean } = {}) {
  const { organizationId } = await createTenant();
  const email = `user-${randomUUID()}@example.test`;
  const created = await addPortalUser({ organizationId, email, role: "clinician", password: PASSWORD });
  if (options.deactivated) await db.user.update({ where: { id: created.id }, data: { deactivatedAt: new Date() } });
  return { email, userId: created.id, organizationId };
}

let outbox: string;
const mailTo = async (email: string) =>
  (await readFile(outbox, "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; url: string; reason: string })
    .filter((message) => message.to === email);

const auditRows = (userId: string) =>
  db.auditEvent.findMany({ where: { actorId: userId, action: { in: ["sign_in", "sign_in_refused"] } }, orderBy: { createdAt: "asc" } });

const savedEnv = { ...process.env };
beforeEach(async () => {
  outbox = path.join(await mkdtemp(path.join(os.tmpdir(), "labwise-auth-")), "mail-outbox.jsonl");
  delete process.env.EMAIL_SERVER;
  delete process.env.AUTH_URL;
  process.env.MAIL_OUTBOX_FILE = outbox;
  resetConfig();
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfig();
  vi.restoreAllMocks();
});

describe("asking for a sign-in link", () => {
  it("answers an address with an account and one without with the same redirect, and mails only the first", async () => {
    const { email } = await user();
    const nobody = `nobody-${randomUUID()}@example.test`;
    const known = await requestLink(email);
    const unknown = await requestLink(nobody);
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(302);
    expect(known.headers.get("location")).toBe(`${BASE}${CHECK_EMAIL_PATH}`);
    expect(unknown.headers.get("location")).toBe(known.headers.get("location"));
    expect(await mailTo(email)).toHaveLength(1);
    expect(await mailTo(nobody)).toHaveLength(0);
  });

  it("sends a deactivated user nothing, answers as for anyone, and audits the refusal", async () => {
    const { email, userId } = await user({ deactivated: true });
    const response = await requestLink(email);
    expect(response.headers.get("location")).toBe(`${BASE}${CHECK_EMAIL_PATH}`);
    expect(await mailTo(email)).toHaveLength(0);
    await vi.waitFor(async () =>
      expect((await auditRows(userId)).map((row) => [row.action, row.detail])).toEqual([["sign_in_refused", { method: "email_link", reason: "deactivated" }]]),
    );
  });

  it(`refuses the request after ${LINK_RULE.maxFailures} links for one address, the same way whether it has an account`, async () => {
    const { email, userId } = await user();
    const nobody = `nobody-${randomUUID()}@example.test`;
    for (const address of [email, nobody]) {
      for (let i = 0; i < LINK_RULE.maxFailures; i++) {
        expect((await requestLink(address)).headers.get("location")).toBe(`${BASE}${CHECK_EMAIL_PATH}`);
      }
      expect((await requestLink(address)).headers.get("location")).toBe(`${BASE}${LINK_RATE_LIMITED_PATH}`);
    }
    expect(await mailTo(email)).toHaveLength(LINK_RULE.maxFailures);
    await vi.waitFor(async () => {
      const refused = (await auditRows(userId)).filter((row) => row.action === "sign_in_refused");
      expect(refused.map((row) => row.detail)).toEqual([{ method: "email_link", reason: "throttled" }]);
    });
  });

  it("refuses one client address that asks for links for many e-mails", async () => {
    const handlers = authHandlers(ownAddress());
    const answers: string[] = [];
    for (let i = 0; i < 21; i++) answers.push((await requestLink(`nobody-${randomUUID()}@example.test`, handlers)).headers.get("location") ?? "");
    expect(answers.slice(0, 20).every((location) => location === `${BASE}${CHECK_EMAIL_PATH}`)).toBe(true);
    expect(answers[20]).toBe(`${BASE}${LINK_RATE_LIMITED_PATH}`);
  });
});

describe("following a sign-in link", () => {
  it("signs in through Auth.js's callback, lands on the page asked for, and the session works on the portal API", async () => {
    const { email, userId } = await user();
    await requestLink(email);
    const [mail] = await mailTo(email);
    const signedIn = await follow(mail.url);
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe(`${BASE}/patients`);
    expect(signedIn.cookie).toContain("authjs.session-token=");

    const session = signedIn.cookie.split("; ").find((cookie) => cookie.startsWith("authjs.session-token="))!;
    expect((await call("GET", "/api/portal/patients", { cookie: session })).status).toBe(200);
    expect((await auditRows(userId)).map((row) => [row.action, row.detail])).toEqual([["sign_in", { method: "email_link" }]]);
  });

  it("accepts an invitation minted by sendSignInLink", async () => {
    const { email, userId } = await user();
    expect(await sendSignInLink({ email, reason: "invite", invitedBy: "Ada", callbackPath: "/labs" })).toEqual({ sent: true });
    const [mail] = await mailTo(email);
    const signedIn = await follow(mail.url);
    expect(signedIn.location).toBe(`${BASE}/labs`);
    expect(signedIn.cookie).toContain("authjs.session-token=");
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerified: true } })).toMatchObject({ emailVerified: expect.any(Date) });
  });

  it("works once: the second time it says the link is no longer valid", async () => {
    const { email } = await user();
    await sendSignInLink({ email, reason: "sign_in" });
    const [mail] = await mailTo(email);
    expect((await follow(mail.url)).cookie).toContain("authjs.session-token=");
    const again = await follow(mail.url);
    expect(again.location).toBe(`${BASE}/sign-in?error=Verification`);
    expect(again.cookie).not.toContain("authjs.session-token=");
  });

  it("refuses an expired link with the same error", async () => {
    const { email } = await user();
    await sendSignInLink({ email, reason: "sign_in" });
    await db.verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 1000) } });
    const [mail] = await mailTo(email);
    expect((await follow(mail.url)).location).toBe(`${BASE}/sign-in?error=Verification`);
  });

  it("refuses a user deactivated after the link was sent", async () => {
    const { email, userId } = await user();
    await sendSignInLink({ email, reason: "sign_in" });
    await db.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    const [mail] = await mailTo(email);
    const refused = await follow(mail.url);
    expect(refused.location).toBe(`${BASE}/sign-in?error=AccessDenied`);
    expect(refused.cookie).not.toContain("authjs.session-token=");
  });
});

describe("signing in with a password", () => {
  async function passwordSignIn(email: string, password: string) {
    const handlers = authHandlers();
    const csrf = await handlers.GET(new Request(`${BASE}/api/auth/csrf`));
    const { csrfToken } = await csrf.json();
    const response = await handlers.POST(
      new Request(`${BASE}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${BASE}/labs` }),
      }),
    );
    return { location: response.headers.get("location") ?? "", cookie: cookiesOf(response) };
  }

  it("audits a sign-in and a wrong password of a known user", async () => {
    const { email, userId } = await user();
    expect((await passwordSignIn(email, "wrong")).location).toContain("error=CredentialsSignin");
    expect((await passwordSignIn(email, PASSWORD)).cookie).toContain("authjs.session-token=");
    await vi.waitFor(async () =>
      expect((await auditRows(userId)).map((row) => [row.action, row.detail])).toEqual([
        ["sign_in_refused", { method: "password", reason: "wrong_password" }],
        ["sign_in", { method: "password" }],
      ]),
    );
  });

  it("refuses a deactivated user even with the right password", async () => {
    const { email, userId } = await user({ deactivated: true });
    const refused = await passwordSignIn(email, PASSWORD);
    expect(refused.location).toBe(`${BASE}/sign-in?error=AccessDenied`);
    expect(refused.cookie).not.toContain("authjs.session-token=");
    expect((await auditRows(userId)).map((row) => row.detail)).toEqual([{ method: "password", reason: "deactivated" }]);
  });
});

describe("single sign-on rules", () => {
  const signInCallback = () => authConfig({ requestAddress: async () => null }).callbacks!.signIn!;
  const oidc = (email: string, emailVerified?: boolean) => ({
    user: { id: randomUUID(), email },
    account: { provider: "oidc", type: "oidc" as const, providerAccountId: randomUUID() },
    profile: { sub: randomUUID(), email, ...(emailVerified === undefined ? {} : { email_verified: emailVerified }) },
  });

  it("lets in an active user by the provider's e-mail, whatever its case, verified or not stated", async () => {
    const { email } = await user();
    expect(await signInCallback()(oidc(email.toUpperCase(), true))).toBe(true);
    expect(await signInCallback()(oidc(email))).toBe(true);
  });

  it("refuses an e-mail the provider marks unverified, one without a portal user, and a deactivated user", async () => {
    const { email } = await user();
    const { email: deactivated } = await user({ deactivated: true });
    expect(await signInCallback()(oidc(email, false))).toBe(false);
    expect(await signInCallback()(oidc(`nobody-${randomUUID()}@example.test`, true))).toBe(false);
    expect(await signInCallback()(oidc(deactivated, true))).toBe(false);
  });
});

describe("sessions on the portal API", () => {
  it("a session from before revokeSessions is refused with 401, a new one works", async () => {
    const { organizationId } = await createTenant();
    const { cookie, userId } = await createPortalUser(organizationId);
    expect((await call("GET", "/api/portal/patients", { cookie })).status).toBe(200);
    await revokeSessions(userId);
    expect((await call("GET", "/api/portal/patients", { cookie })).status).toBe(401);

    const fresh = await encode({
      token: { sub: userId, organizationId, role: "clinician", signedInAt: Date.now() },
      secret: process.env.AUTH_SECRET!,
      salt: "authjs.session-token",
    });
    expect((await call("GET", "/api/portal/patients", { cookie: `authjs.session-token=${fresh}` })).status).toBe(200);
  });

  it("a deactivated user's session is refused with 401", async () => {
    const { organizationId } = await createTenant();
    const { cookie, userId } = await createPortalUser(organizationId);
    await db.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    const response = await call("GET", "/api/portal/patients", { cookie });
    expect(response.status).toBe(401);
  });

  it("a session older than 8 hours is refused with 401", async () => {
    const { organizationId } = await createTenant();
    const { userId } = await createPortalUser(organizationId);
    const old = await encode({
      token: { sub: userId, organizationId, role: "clinician", signedInAt: Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000 },
      secret: process.env.AUTH_SECRET!,
      salt: "authjs.session-token",
    });
    expect((await call("GET", "/api/portal/patients", { cookie: `authjs.session-token=${old}` })).status).toBe(401);
  });
});
