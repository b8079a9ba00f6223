/**
 * The Inngest client. It always runs in the SDK's production ("cloud") mode, whoever drives it: the embedded
 * executor (the run command generates its signing and event keys into the data directory), a self-hosted
 * Inngest server, or Inngest Cloud (README, "Deploying at scale"). In that mode the serve endpoint verifies
 * `X-Inngest-Signature` on every call and refuses anything unsigned. `INNGEST_DEV=1` opts into the SDK's
 * unauthenticated dev mode, for Inngest's own dev server on a developer's machine only.
 */
import { Inngest } from "inngest";
import type { Publisher } from "../lib/events";

const isDev = ["1", "true"].includes(process.env.INNGEST_DEV ?? "");

export const inngest = new Inngest({
  id: "labwise",
  isDev,
  baseUrl: process.env.INNGEST_BASE_URL,
  eventKey: process.env.INNGEST_EVENT_KEY,
  // One call runs a function's steps back to back. A step's result is checkpointed to Inngest (or the
  // embedded executor) with the ones after it, at the latest 250 ms after it completed, or before anything
  // that waits (a sleep, a failed attempt, the run's end): a crash can at most run that much work again, and
  // steps are idempotent (Inngest's contract, DESIGN §6). Each checkpoint is a round trip and a write.
  checkpointing: { bufferedSteps: 16, maxInterval: "250ms" },
});

/** Sends events to Inngest (or the embedded executor): the publisher lib/events/publish.ts uses by default. */
export const sendEvents: Publisher = (events) => inngest.send(events);

/**
 * Where Inngest reaches the serve endpoint, as it registers it. Configured, never taken from a request's
 * `Host` header: otherwise anyone could `PUT /api/inngest` with a forged host and have runs sent to them.
 */
export function inngestServeOrigin(): string {
  return process.env.INNGEST_SERVE_ORIGIN ?? process.env.PUBLIC_BASE_URL ?? "http://localhost:3000";
}

export const INNGEST_SERVE_PATH = "/api/inngest";
