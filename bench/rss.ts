/**
 * Peak resident memory and CPU time of each process of a deployment while a scenario runs, read from `ps` and
 * `/proc` every 250 ms.
 * A process is named by the group it belongs to: an app or executor process group (everything it started),
 * or PostgreSQL (the postmaster and its backends, summed — together they are the database's footprint).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
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

/**
 * CPU time a process (all its threads) has used, in seconds (`/proc/<pid>/stat`, clock ticks of 10 ms). Not its
 * reaped children's: a postmaster's would count its backends a second time.
 */
async function cpuSeconds(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const [utime, stime] = fields.slice(11, 13).map(Number);
  return (utime + stime) / CLOCK_TICKS;
}

const CLOCK_TICKS = 100;

export interface ProcessUsage {
  /** Peak resident memory, MB. */
  peak_rss_mb: number;
  /** CPU seconds used while watched (a process that ended between two samples loses its last 250 ms). */
  cpu_s: number;
}

/**
 * Starts sampling; `stop()` returns each watched name's peak RSS and the CPU it used meanwhile. A process
 * present at the first sample counts from there; one started later counts from its start.
 */
export function watchProcesses(watched: () => Watched[]) {
  const peaks = new Map<string, number>();
  const cpu = new Map<string, Map<number, { from: number; to: number }>>();
  let first = true;
  let sampling = Promise.resolve();
  const sample = async () => {
    const rows = await ps().catch(() => [] as PsRow[]);
    for (const w of watched()) {
      const mine = rows
        .filter((r) => (w.pgid !== undefined && r.pgid === w.pgid) || (w.parent !== undefined && (r.pid === w.parent || r.ppid === w.parent)))
        .filter((r) => !w.command || w.command.test(r.command));
      const kb = mine.reduce((sum, r) => sum + r.rssKb, 0);
      peaks.set(w.name, Math.max(peaks.get(w.name) ?? 0, Math.round(kb / 1024)));
      const seen = cpu.get(w.name) ?? new Map<number, { from: number; to: number }>();
      cpu.set(w.name, seen);
      for (const r of mine) {
        const used = await cpuSeconds(r.pid);
        if (used === undefined) continue;
        const known = seen.get(r.pid);
        if (known) known.to = used;
        else seen.set(r.pid, { from: first ? used : 0, to: used });
      }
    }
    first = false;
  };
  sampling = sample();
  const timer = setInterval(() => (sampling = sampling.then(sample)), 250);
  return {
    async stop(): Promise<Record<string, ProcessUsage>> {
      clearInterval(timer);
      await sampling;
      await sample();
      return Object.fromEntries(
        [...peaks].map(([name, peak]) => {
          const used = [...(cpu.get(name)?.values() ?? [])].reduce((sum, p) => sum + (p.to - p.from), 0);
          return [name, { peak_rss_mb: peak, cpu_s: Math.round(used * 100) / 100 }];
        }),
      );
    },
  };
}
