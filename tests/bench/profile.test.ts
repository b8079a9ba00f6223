/**
 * The bench's reading of the app's CPU profile and of what bounds a missed burst: only the samples inside a
 * scenario's spans count, grouped by where the code lives; the bound is the CPU per lab against the cores.
 */
import { describe, expect, it } from "vitest";
import { burstBound } from "../../bench/bounds";
import { summarizeProfile } from "../../bench/profile";

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 9 });

// Samples every 1 ms from t = 1,000 µs: writev, Prisma, GC, the app's bundle, writev again, then Prisma twice.
const profile = {
  startTime: 0,
  nodes: [
    { id: 1, callFrame: frame("writev") },
    { id: 2, callFrame: frame("interpretNode", "file:///app/node_modules/@prisma/client/runtime/client.js") },
    { id: 3, callFrame: frame("(garbage collector)") },
    { id: 4, callFrame: frame("o", "file:///app/.next/server/chunks/lib_clinical_guidance_index_ts_0-rg._.js") },
  ],
  samples: [1, 2, 3, 4, 1, 2, 2],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("summarizeProfile", () => {
  it("counts only the samples inside the windows, by where the code lives and by function", () => {
    // Samples at 1–7 ms; the windows take 2–3 ms and 5–6 ms: Prisma, GC, writev, Prisma.
    const summary = summarizeProfile(profile, [
      { fromUs: 2000, toUs: 3000 },
      { fromUs: 5000, toUs: 6000 },
    ]);
    expect(summary.sampled_ms).toBe(4);
    expect(summary.groups).toEqual([
      { where: "package @prisma/client", percent: 50 },
      { where: "native (garbage collector)", percent: 25 },
      { where: "native writev", percent: 25 },
    ]);
    expect(summary.functions[0]).toEqual({ function: "interpretNode client.js:10", percent: 50 });
  });

  it("names the app's server bundle by chunk", () => {
    const summary = summarizeProfile(profile, [{ fromUs: 4000, toUs: 4000 }]);
    expect(summary.groups).toEqual([{ where: "app bundle lib_clinical_guidance_index_ts_0-rg._.js", percent: 100 }]);
  });
});

describe("burstBound", () => {
  it("puts the CPU per lab, the bench's own included, against the cores, and names the busiest process", () => {
    const processes = {
      app: { peak_rss_mb: 500, cpu_s: 4.5 },
      executor: { peak_rss_mb: 300, cpu_s: 0.8 },
      postgres: { peak_rss_mb: 1000, cpu_s: 2.2 },
    };
    const bound = burstBound({ seconds: 5, processes, bench_cpu_s: 1 }, 50, 15, 2, false);
    expect(bound).toMatch(/^CPU: 150 ms per lab across the processes and 20 ms in the bench itself .*; 15 labs\/s would need 2\.6 of 2 cores, and 1\.70 were busy while it ran/);
    expect(bound).toMatch(/The busiest process, app, used 90 ms per lab \(0\.90 of a core, its threads included\)/);
    expect(bound).toMatch(/NEXT_CPU_PROF=1 npm run bench -- --only burst/);
    expect(burstBound({ seconds: 5, processes, bench_cpu_s: 1 }, 50, 15, 2, true)).toMatch(/The app's profile over the burst is below/);
  });
});
