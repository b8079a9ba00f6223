/**
 * The Lab Results Agent (DESIGN §5.4): requests, admission against the concurrent-run limit, runs, and what
 * the partner is told — the immediate answer, the polled state and the webhook payloads (./payloads.ts).
 */
export * from "./payloads";
export * from "./schemas";
export { admitAgentRun, concurrencyUsage, RETRY_AFTER_SECONDS, addConcurrencyHeaders } from "./admission";
export { getAgentRunOrThrow, startAgentRun, type StartedRun } from "./runs";
export { MAX_LABS_ANALYZED, selectMostRelevant } from "./relevance";
export {
  CONCURRENCY_HEADERS,
  concurrencyHeaders,
  serializeAcceptedRun,
  serializeAgentRun,
  type AgentRunRecord,
  type ConcurrencyUsage,
} from "./serializers";
