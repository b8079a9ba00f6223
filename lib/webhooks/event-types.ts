/**
 * Every event type Labwise delivers, by name. The Lab Results Agent's events keep the names of seeds 001
 * and 003; the lab lifecycle events follow Standard Webhooks' `type` convention (full-stop delimited).
 * An endpoint subscribes to any of `SUBSCRIBABLE_EVENTS` (none listed = all); `labResultsStatus` goes only
 * to an agent run's own `webhookUrl`, and `ping` only to the endpoint being tested.
 */
export const AGENT_EVENT = { status: "labResultsStatus", complete: "labResultsComplete", failed: "labResultsFailed" } as const;

/** A lab result's lifecycle (uploads and submissions): ids and statuses only, never lab values or names. */
export const LAB_EVENT = {
  accepted: "lab.accepted",
  jobStatusChanged: "lab.job_status_changed",
  resultsReady: "lab.results_ready",
  failed: "lab.failed",
} as const;

/** Sent by `POST /v1/webhook-endpoints/{id}/test`. */
export const PING_EVENT = "ping";

export const SUBSCRIBABLE_EVENTS = [AGENT_EVENT.complete, AGENT_EVENT.failed, ...Object.values(LAB_EVENT)] as [string, ...string[]];

export type SubscribableEvent = (typeof SUBSCRIBABLE_EVENTS)[number];
