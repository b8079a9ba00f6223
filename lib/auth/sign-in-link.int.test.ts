/**
 * Sign-in links minted outside Auth.js (invitations) against the real database and mail paths: the outbox
 * file and log line of the embedded default, and a real SMTP server (smtp-server) receiving what the real
 * nodemailer client sends when EMAIL_SERVER is set. That Auth.js's callback accepts such a link is checked
 * in ./portal-auth.int.test.ts.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfig } from "../config";
import { db } from "../db";
import { addPortalUser, createOrganization } from "../organizations";
import { hashVerificationToken, INVITE_LINK_MAX_AGE_SECONDS, SIGN_IN_LINK_MAX_AGE_SECONDS, sendSignInLink } from "./sign-in-link";

const SECRET = process.env.AUTH_SECRET!;

async function portalUser(options: { deactivated?: boolean; role?: "admin" | "clinician" } = {}) {
  const name = `Clinic ${randomUUID().slice(0, 8)}`;
  const { organization } = await createOrganization({ name });
  const email = `someone-${randomUUID()}@example.test`;
  const user = await addPortalUser({ organizationId: organization.id, email, role: options.role ?? "clinician" });
  if (options.deactivated) await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
  return { email, organizationName: name, userId: user.id };
}

function outboxLines(file: string) {
  return readFile(file, "utf8")
    .catch(() => "")
    .then((text) => text.split("\n").filter(Boolean).map((line) => JSON.parse(line)));
}

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfig();
  vi.restoreAllMocks();
});

describe("sendSignInLink without an SMTP server", () => {
  let outbox: string;
  beforeAll(async () => {
    outbox = path.join(await mkdtemp(path.join(os.tmpdir(), "labwise-mail-")), "mail-outbox.jsonl");
  });

  function useOutbox() {
    delete process.env.EMAIL_SERVER;
    process.env.MAIL_OUTBOX_FILE = outbox;
    process.env.AUTH_URL = "http://portal.example.test:3000";
    resetConfig();
  }

  it("writes the link to the outbox file and prints it on a labelled line of the log", async () => {
    useOutbox();
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { email } = await portalUser();
    expect(await sendSignInLink({ email: email.toUpperCase(), reason: "sign_in", callbackPath: "/patients?q=1" })).toEqual({ sent: true });

    const message = (await outboxLines(outbox)).find((line) => line.to === email);
    expect(message).toMatchObject({ to: email, subject: "Your Labwise sign-in link", reason: "sign_in" });
    expect(Date.parse(message.sentAt)).not.toBeNaN();
    expect(message.text).toContain(message.url);
    expect(message.text).toContain("expires in 15 minutes");
    const url = new URL(message.url);
    expect(url.origin + url.pathname).toBe("http://portal.example.test:3000/api/auth/callback/email");
    expect(url.searchParams.get("email")).toBe(email);
    expect(url.searchParams.get("callbackUrl")).toBe("http://portal.example.test:3000/patients?q=1");
    expect(printed.mock.calls.flat().join("\n")).toContain(`SIGN-IN LINK for ${email}: ${message.url}`);
  });

  it("stores only the token's hash, as Auth.js's e-mail callback looks it up, expiring in 15 minutes", async () => {
    useOutbox();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { email } = await portalUser();
    const before = Date.now();
    await sendSignInLink({ email, reason: "sign_in" });
    const url = new URL((await outboxLines(outbox)).filter((line) => line.to === email).at(-1).url);
    const token = url.searchParams.get("token")!;
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const rows = await db.verificationToken.findMany({ where: { identifier: email } });
    expect(rows).toHaveLength(1);
    expect(rows[0].token).toBe(hashVerificationToken(token, SECRET));
    expect(rows[0].token).not.toContain(token);
    const lifetime = rows[0].expires.getTime() - before;
    expect(lifetime).toBeGreaterThan(SIGN_IN_LINK_MAX_AGE_SECONDS * 1000 - 5000);
    expect(lifetime).toBeLessThanOrEqual(SIGN_IN_LINK_MAX_AGE_SECONDS * 1000 + 1000);
  });

  it("sends nothing to an e-mail without an account, or to a deactivated user", async () => {
    useOutbox();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const unknown = `nobody-${randomUUID()}@example.test`;
    const { email: deactivated } = await portalUser({ deactivated: true });
    expect(await sendSignInLink({ email: unknown, reason: "sign_in" })).toEqual({ sent: false });
    expect(await sendSignInLink({ email: deactivated, reason: "invite", invitedBy: "Ada" })).toEqual({ sent: false });
    expect(await sendSignInLink({ email: "not an address", reason: "sign_in" })).toEqual({ sent: false });

    const sentTo = (await outboxLines(outbox)).map((line) => line.to);
    expect(sentTo).not.toContain(unknown);
    expect(sentTo).not.toContain(deactivated);
    expect(await db.verificationToken.count({ where: { identifier: { in: [unknown, deactivated] } } })).toBe(0);
  });

  it("an invitation says who invited them, to which organisation and as what, and lasts a day", async () => {
    useOutbox();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { email, organizationName } = await portalUser({ role: "admin" });
    await sendSignInLink({ email, reason: "invite", invitedBy: "Ada Lovelace" });
    const message = (await outboxLines(outbox)).filter((line) => line.to === email).at(-1);
    expect(message.reason).toBe("invite");
    expect(message.subject).toBe(`Ada Lovelace invited you to ${organizationName} on Labwise`);
    expect(message.text).toContain(`Ada Lovelace invited you to join ${organizationName} on Labwise as an administrator.`);
    expect(message.text).toContain("expires in 24 hours");
    const [row] = await db.verificationToken.findMany({ where: { identifier: email } });
    expect(row.expires.getTime() - Date.now()).toBeGreaterThan(INVITE_LINK_MAX_AGE_SECONDS * 1000 - 60_000);
  });

  it("an invitation without a named inviter names the organisation's administrators", async () => {
    useOutbox();
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { email, organizationName } = await portalUser();
    await sendSignInLink({ email, reason: "invite", invitedBy: null });
    const message = (await outboxLines(outbox)).filter((line) => line.to === email).at(-1);
    expect(message.subject).toBe(`An administrator of ${organizationName} invited you to ${organizationName} on Labwise`);
    expect(message.text).toContain("as a clinician.");
  });
});

describe("sendSignInLink with EMAIL_SERVER", () => {
  const received: { from: string; to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers the mail by SMTP from EMAIL_FROM and writes no outbox line", async () => {
    const outbox = path.join(await mkdtemp(path.join(os.tmpdir(), "labwise-mail-")), "mail-outbox.jsonl");
    Object.assign(process.env, { EMAIL_SERVER: `smtp://127.0.0.1:${port}`, EMAIL_FROM: "Labwise <no-reply@labs.example.test>", MAIL_OUTBOX_FILE: outbox });
    resetConfig();
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { email } = await portalUser();

    expect(await sendSignInLink({ email, reason: "sign_in" })).toEqual({ sent: true });

    const mail = received.find((message) => message.to.includes(email));
    expect(mail?.from).toBe("no-reply@labs.example.test");
    expect(mail?.data).toContain("Subject: Your Labwise sign-in link");
    // Quoted-printable may wrap the long link; unwrapped, it is the link Auth.js's callback takes.
    const body = mail!.data.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(body).toMatch(/\/api\/auth\/callback\/email\?callbackUrl=[^\s]+&token=[0-9a-f]{64}&email=/);
    expect(await outboxLines(outbox)).toEqual([]);
    expect(printed).not.toHaveBeenCalled();
  });

  it("reports a mail server that refuses the message", async () => {
    Object.assign(process.env, { EMAIL_SERVER: `smtp://127.0.0.1:${port}` });
    resetConfig();
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    process.env.EMAIL_SERVER = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
    resetConfig();
    const { email } = await portalUser();
    await expect(sendSignInLink({ email, reason: "sign_in" })).rejects.toThrow(/mailbox unavailable/);
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
  });
});
