/**
 * Outgoing mail (sign-in links, invitations). With EMAIL_SERVER set, by SMTP through nodemailer from
 * EMAIL_FROM. Without it — the embedded default, where no mail server exists — the message is printed to the
 * server's standard output with its link on a line of its own, and appended as one JSON line to
 * MAIL_OUTBOX_FILE (the run command points it at `<data dir>/mail-outbox.jsonl`), so whoever runs the server,
 * and the end-to-end tests, can open the link.
 *
 * The printed link is printed with `console.log`, not lib/log: lib/log redacts anything that looks like a
 * token, which is exactly what a sign-in link carries, and the link is the point of the line.
 */
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "../config";

export type MailReason = "sign_in" | "invite";

export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain-text body; it contains `url`. */
  text: string;
  /** The one link the message is about. */
  url: string;
  reason: MailReason;
}

/** One line of MAIL_OUTBOX_FILE. */
export interface OutboxEntry extends OutgoingMail {
  sentAt: string;
}

let transport: { server: string; transporter: Transporter } | undefined;

function smtpTransport(server: string): Transporter {
  if (transport?.server !== server) transport = { server, transporter: nodemailer.createTransport(server) };
  return transport.transporter;
}

/**
 * Sends one message. By SMTP it resolves once the server accepted it and rejects when it did not (the caller
 * decides what the user is told); without SMTP it resolves once the line is written.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { EMAIL_SERVER, EMAIL_FROM, MAIL_OUTBOX_FILE } = config();
  if (EMAIL_SERVER) {
    await smtpTransport(EMAIL_SERVER).sendMail({ from: EMAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  const label = mail.reason === "invite" ? "INVITATION LINK" : "SIGN-IN LINK";
  console.log(`[mail] No EMAIL_SERVER is configured: "${mail.subject}" for ${mail.to} is printed here instead of sent.\n[mail] ${label} for ${mail.to}: ${mail.url}`);
  if (MAIL_OUTBOX_FILE) {
    const entry: OutboxEntry = { ...mail, sentAt: new Date().toISOString() };
    await mkdir(path.dirname(MAIL_OUTBOX_FILE), { recursive: true });
    await appendFile(MAIL_OUTBOX_FILE, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }
}

