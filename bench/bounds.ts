/**
 * For a target the bench did not meet, what bounds it, in this run's own numbers, and where the plan is: the
 * bench says why, not only that.
 */
import type { ProcessUsage } from "./rss";

/** Where the README keeps the plan for each target that is not met. */
const PLAN = 'README, "Benchmarks" → "Where it stands"';

/**
 * A burst on this machine is bound by CPU: the CPU its processes spent per lab, times the target rate, against
 * the machine's cores — and, when one process kept a whole core busy, by that process's one event loop.
 */
export function burstBound(processes: Record<string, ProcessUsage>, seconds: number, labs: number, target: number, cores: number, profiled: boolean): string {
  const perLab = Object.values(processes).reduce((sum, u) => sum + u.cpu_s, 0) / labs;
  const needed = perLab * target;
  const [busiest, usage] = Object.entries(processes).sort((a, b) => b[1].cpu_s - a[1].cpu_s)[0];
  const busiestCores = usage.cpu_s / seconds;
  return (
    `CPU: ${Math.round(perLab * 1000)} ms per lab across the processes; ${target} labs/s would need ${needed.toFixed(1)} of ${cores} cores, ` +
    `with the bench's own work (registering the labs, receiving their webhooks) on them too. The busiest process, ${busiest}, ` +
    `kept ${busiestCores.toFixed(2)} of a core busy${busiestCores >= 0.9 ? ": its one event loop is a bound of its own" : ""}. ` +
    `${profiled ? "The app's profile over the burst is below." : "The app's profile over the burst: NEXT_CPU_PROF=1 npm run bench -- --only burst."} Plan: ${PLAN}.`
  );
}

/** The lab read against /health: both are the app's own work per request on the same cores. */
export function readBound(ratio: number, p99Ratio: number, profiled: boolean): string {
  return (
    `the app's work per request: the lab read is ${Math.round(ratio * 100)} % of /health's rate with a p99 ${p99Ratio}× its p99. ` +
    `${profiled ? "The app's profile over the lab read is below." : "The app's profile over the lab read: NEXT_CPU_PROF=1 npm run bench -- --only read."} Plan: ${PLAN}.`
  );
}
