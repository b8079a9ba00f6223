import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { sample } from "../../tests/fixtures/samples";
import { DEFAULT_LIMITS, ExtractionError, extractLab, extractLabOffThread } from "./index";

const options = { limits: DEFAULT_LIMITS, workers: 1, timeoutMs: 60_000 };
const csv = (rows: number) =>
  new TextEncoder().encode(`Test,Result,Unit,Reference Range\n${Array.from({ length: rows }, (_, i) => `Glucose,${90 + (i % 10)},mg/dL,70-99`).join("\n")}\n`);

/** The longest the event loop was held while `work` ran. */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The histogram measures from its previous tick: let it tick once before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 30));
  await work().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 30));
  histogram.disable();
  return histogram.max / 1e6;
}

describe("extraction in a worker thread", () => {
  it("gives the same result as reading on the calling thread", async () => {
    const bytes = sample("LAB-ORU-1.hl7");
    expect(await extractLabOffThread({ bytes, contentType: "text/plain" }, options)).toEqual(await extractLab({ bytes, contentType: "text/plain" }));
  });

  it("keeps the person-facing reason of a file it cannot read", async () => {
    const failure = await extractLabOffThread({ bytes: csv(6_000) }, options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractionError);
    expect((failure as Error).message).toMatch(/^this file holds 6,000 results; Labwise reads at most 5,000 per lab/);
  });

  it("leaves the calling thread's event loop free while a large file is parsed", async () => {
    const bytes = csv(50_000);
    const limits = { ...DEFAULT_LIMITS, maxAnalytes: 100_000 };
    const offThread = await loopDelayDuring(() => extractLabOffThread({ bytes }, { ...options, limits }));
    const onThread = await loopDelayDuring(() => extractLab({ bytes }, limits));
    expect(onThread).toBeGreaterThan(500);
    expect(offThread).toBeLessThan(200);
  });

  it("fails a file that takes too long, and reads the next one with a fresh worker", async () => {
    const slow = extractLabOffThread({ bytes: csv(50_000) }, { ...options, limits: { ...DEFAULT_LIMITS, maxAnalytes: 100_000 }, timeoutMs: 300 });
    await expect(slow).rejects.toThrow(new ExtractionError("this file took longer than 0.3 seconds to read — split it into smaller files or send an export with fewer pages"));
    expect((await extractLabOffThread({ bytes: csv(3) }, options)).analytes).toHaveLength(3);
  });
});
