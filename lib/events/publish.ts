/**
 * The one door through which lib/ services publish events. Services build events from ./definitions and
 * call `publish`; which bus carries them is decided here, not in the service, so lib/ never imports the
 * Inngest SDK (DESIGN §2).
 */
import type { Event } from "./definitions";

/** Sends events, resolving with the ids the bus gave them in order; rejects when they could not be sent. */
export type Publisher = (events: Event[]) => Promise<{ ids: string[] }>;

let publisher: Publisher | undefined;

/**
 * Replaces the publisher for this process (a test's recorder, another bus); `undefined` restores the
 * default, Inngest's `send`.
 */
export function setPublisher(next: Publisher | undefined): void {
  publisher = next;
}

/**
 * Publishes events; resolves with their ids, rejects when they could not be sent (the caller decides what
 * that means: the lab stays `pending`, the outbox sweep announces again).
 */
export async function publish(events: Event | Event[]): Promise<{ ids: string[] }> {
  const list = Array.isArray(events) ? events : [events];
  if (!list.length) return { ids: [] };
  return (publisher ?? (await inngestPublisher()))(list);
}

/**
 * The default publisher, Inngest's `send` (inngest/client.ts), loaded on first use. This dynamic import is
 * the only place lib/ reaches into inngest/, and eslint.config.mjs allows it for this file and that module
 * alone. Loading it here rather than registering it from an entry point means every process that publishes
 * is wired without remembering to: the Next server's route handlers and outbox sweep, the functions served
 * at /api/inngest, test workers, scripts.
 */
async function inngestPublisher(): Promise<Publisher> {
  const { sendEvents } = await import("../../inngest/client");
  return sendEvents;
}
