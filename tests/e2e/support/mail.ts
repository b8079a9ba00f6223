/**
 * The mail the e2e server "sends": with no EMAIL_SERVER, lib/mail appends each message as a JSON line to
 * MAIL_OUTBOX_FILE, which the run command points at `<data dir>/mail-outbox.jsonl` (playwright.config.ts sets
 * the data dir). Tests read sign-in and invitation links from it as a person would read them from the log.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { E2E_DATA_DIR } from "../../../playwright.config";
import { eventually } from "../../support/eventually";

export const MAIL_OUTBOX = path.join(E2E_DATA_DIR, "mail-outbox.jsonl");

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  url: string;
  reason: "sign_in" | "invite";
  sentAt: string;
}

/** Every message in the outbox so far, oldest first (none when nothing was sent yet). */
export async function outbox(): Promise<OutboxMessage[]> {
  const content = await readFile(MAIL_OUTBOX, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  return content
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as OutboxMessage);
}

/** The newest message to `email` that arrives after `since` (default: any), waiting up to `timeoutMs` for it. */
export async function latestMessage(email: string, options: { since?: Date; timeoutMs?: number } = {}): Promise<OutboxMessage> {
  const to = email.trim().toLowerCase();
  const since = options.since?.getTime() ?? 0;
  return eventually(async () => {
    const found = (await outbox()).filter((message) => message.to === to && Date.parse(message.sentAt) >= since).at(-1);
    if (!found) throw new Error(`No mail to ${email} in ${MAIL_OUTBOX}`);
    return found;
  }, options.timeoutMs ?? 15_000, 200);
}

/** The link in the newest sign-in or invitation mail to `email`, waiting for it to arrive. */
export async function latestSignInLink(email: string): Promise<string> {
  return (await latestMessage(email)).url;
}
