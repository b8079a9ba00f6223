/**
 * What a CPU profile of the app's Next.js process says about one scenario. With `NEXT_CPU_PROF=1`, Next.js
 * profiles its server from start to exit; the bench notes when each scenario ran (the profile's timestamps and
 * `process.hrtime` are the same monotonic clock on Linux) and prints, for that window only, where the app's
 * samples were: self time grouped by where the code lives, and the busiest functions. That is the profile behind
 * a target the bench reports as not met.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time span of a scenario (it may have several), in microseconds of the monotonic clock. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export interface ProfileSummary {
  /** Sampled time in the window, idle included. */
  sampled_ms: number;
  /** Self time by where the code lives, largest first, as a share of `sampled_ms`. */
  groups: { where: string; percent: number }[];
  /** The functions with the most self time. */
  functions: { function: string; percent: number }[];
}

/** Now, on the clock the profile's timestamps use. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Where a frame's code lives: a native frame by its name (the garbage collector, a system call such as `writev`),
 * a package by its name, Node's own modules by module, and the app's server bundle by chunk (Turbopack names
 * some chunks after their first module, so `lib_clinical_…` is the clinical engine and its neighbours).
 */
function whereItLives({ functionName, url }: CallFrame): string {
  if (!url) return `native ${functionName || "(anonymous)"}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return `package ${pkg[1]}`;
  if (url.startsWith("node:")) return url;
  const chunk = url.match(/\.next\/server\/(?:chunks\/)?(?:ssr\/)?([^/]+)$/);
  if (chunk) return `app bundle ${chunk[1]}`;
  return url.startsWith("wasm://") ? "wasm (Prisma's query compiler)" : path.basename(url);
}

export function summarizeProfile(profile: CpuProfile, windows: ProfileWindow[], top = 12): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byWhere = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let sampled = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (!windows.some((w) => at >= w.fromUs && at <= w.toUs)) continue;
    const frame = frames.get(profile.samples[i])!;
    const spent = profile.timeDeltas[i];
    sampled += spent;
    const where = whereItLives(frame);
    byWhere.set(where, (byWhere.get(where) ?? 0) + spent);
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ""}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + spent);
  }
  const ranked = (spent: Map<string, number>) =>
    [...spent].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => [key, Math.round((1000 * us) / Math.max(sampled, 1)) / 10] as const);
  return {
    sampled_ms: Math.round(sampled / 1000),
    groups: ranked(byWhere).map(([where, percent]) => ({ where, percent })),
    functions: ranked(byFunction).map(([fn, percent]) => ({ function: fn, percent })),
  };
}

/** The newest profile in `dir` written after `since` (ms since the epoch), parsed; undefined if there is none yet. */
export function newestProfile(dir: string, since: number): CpuProfile | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  } catch {
    return undefined;
  }
  const newest = names
    .map((name) => ({ file: path.join(dir, name), at: statSync(path.join(dir, name)).mtimeMs }))
    .filter(({ at }) => at >= since)
    .sort((a, b) => b.at - a.at)[0];
  if (!newest) return undefined;
  try {
    return JSON.parse(readFileSync(newest.file, "utf8")) as CpuProfile;
  } catch {
    return undefined; // still being written
  }
}
