/**
 * Peak resident memory of each process of a deployment while a scenario runs, read from `ps` every 250 ms.
 * A process is named by the group it belongs to: an app or executor process group (everything it started),
 * or PostgreSQL (the postmaster and its backends, summed — together they are the database's footprint).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Watched {
  name: string;
  /** Every process in this process group. */
  pgid?: number;
  /** This process and its direct children (a postmaster and its backends). */
  parent?: number;
  /** Only the processes whose command name matches (e.g. `next-server` within `npm start`'s group). */
  command?: RegExp;
}

interface PsRow {
  pid: number;
  ppid: number;
  pgid: number;
  rssKb: number;
  command: string;
}

async function ps(): Promise<PsRow[]> {
  const { stdout } = await run("ps", ["-e", "-o", "pid=,ppid=,pgid=,rss=,comm="]);
  return stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, pgid, rssKb, ...command]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), rssKb: Number(rssKb), command: command.join(" ") }));
}

/** Starts sampling; `stop()` returns the peak RSS in MB of each watched name. */
export function watchMemory(watched: () => Watched[]) {
  const peaks = new Map<string, number>();
  let sampling = Promise.resolve();
  const sample = async () => {
    const rows = await ps().catch(() => [] as PsRow[]);
    for (const w of watched()) {
      const kb = rows
        .filter((r) => (w.pgid !== undefined && r.pgid === w.pgid) || (w.parent !== undefined && (r.pid === w.parent || r.ppid === w.parent)))
        .filter((r) => !w.command || w.command.test(r.command))
        .reduce((sum, r) => sum + r.rssKb, 0);
      peaks.set(w.name, Math.max(peaks.get(w.name) ?? 0, Math.round(kb / 1024)));
    }
  };
  const timer = setInterval(() => (sampling = sampling.then(sample)), 250);
  return {
    async stop(): Promise<Record<string, number>> {
      clearInterval(timer);
      await sampling;
      await sample();
      return Object.fromEntries(peaks);
    },
  };
}
