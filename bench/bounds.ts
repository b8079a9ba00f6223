/**
 * For a target the bench did not meet, what bounds it, in this run's own numbers, and where the plan is: the
 * bench says why, not only that.
 */
import type { ProcessUsage } from "./rss";

/** Where the README keeps the plan for each target that is not met. */
const PLAN = 'README, "Benchmarks" → "Where it stands"';

/** A burst as the bench watched it: each process's CPU and memory, and the bench's own CPU, over `seconds`. */
export interface WatchedBurst {
  seconds: number;
  processes: Record<string, ProcessUsage>;
  bench_cpu_s: number;
}

/**
 * A burst on this machine is bound by CPU: what its processes and the bench itself spent per lab, times the
 * target rate, against the machine's cores; and how busy the cores were while it ran.
 */
export function burstBound({ seconds, processes, bench_cpu_s }: WatchedBurst, labs: number, target: number, cores: number, profiled: boolean): string {
  const spent = Object.values(processes).reduce((sum, u) => sum + u.cpu_s, 0);
  const [busiest, usage] = Object.entries(processes).sort((a, b) => b[1].cpu_s - a[1].cpu_s)[0];
  const perLab = (cpu: number) => Math.round((cpu * 1000) / labs);
  return (
    `CPU: ${perLab(spent)} ms per lab across the processes and ${perLab(bench_cpu_s)} ms in the bench itself (registering the labs, ` +
    `receiving their webhooks); ${target} labs/s would need ${(((spent + bench_cpu_s) / labs) * target).toFixed(1)} of ${cores} cores, and ` +
    `${((spent + bench_cpu_s) / seconds).toFixed(2)} were busy while it ran. The busiest process, ${busiest}, used ${perLab(usage.cpu_s)} ms per lab ` +
    `(${(usage.cpu_s / seconds).toFixed(2)} of a core, its threads included). ` +
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
