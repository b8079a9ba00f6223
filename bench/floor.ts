/**
 * The floor under the pipeline's latency: the pure, in-process compute for one lab — extraction of the file,
 * normalisation and flags, derived values, interpretation and both narratives — with no database, no storage,
 * no HTTP and no executor. What the pipeline takes beyond this is overhead (bench/breakdown.ts says where).
 */
import { panelOf } from "../lib/clinical/test-support";
import { interpret } from "../lib/clinical/interpret";
import { clinicianNarrative } from "../lib/clinical/narrative/clinician";
import { patientNarrative } from "../lib/clinical/narrative/patient";
import { extractLab } from "../lib/ingest";

async function once(bytes: Uint8Array, contentType: string): Promise<number> {
  const started = performance.now();
  const extraction = await extractLab({ bytes, contentType });
  const patient = { age: 54, sex: "female" as const };
  const panel = panelOf(
    patient,
    extraction.analytes.map((a) => ({
      name: a.name,
      value: a.parsed.valueNumber ?? a.value,
      unit: a.parsed.unit ?? a.unit,
      range: a.parsed.range ? { low: a.parsed.range.low, high: a.parsed.range.high } : undefined,
      flag: a.flag,
    })),
  );
  const interpretation = interpret(panel, patient);
  const texts = [patientNarrative(interpretation, panel).markdown, clinicianNarrative(interpretation, panel).markdown];
  if (!texts.every((t) => t.length > 100)) throw new Error("the floor produced no narrative: the benchmark is measuring nothing");
  return performance.now() - started;
}

/** Median milliseconds of `n` runs after a warm-up, for one file. */
export async function computeFloor(bytes: Uint8Array, contentType: string, n: number): Promise<number> {
  for (let i = 0; i < 5; i += 1) await once(bytes, contentType);
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) times.push(await once(bytes, contentType));
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor((n - 1) / 2)] * 10) / 10;
}
