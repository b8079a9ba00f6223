/**
 * `lab_results.skipped`: what extraction could not read, in words a person can act on. Stored
 * `{ v: 1, items: [...] }`; legacy rows hold the bare array.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import type { SkippedEntry } from "../../ingest";
import { listCodec, type Same } from "./stored-json";

const entry = z.object({ reason: z.string(), where: z.string().optional(), cancelled: z.boolean().optional() });
type StoredEntry = z.infer<typeof entry>;
const sameShape: Same<StoredEntry, SkippedEntry> = true;
void sameShape;

const skipped = listCodec<StoredEntry>("skipped", entry);

/** What extraction skipped; [] when it read everything (the column is then empty). */
export function readSkipped(json: Prisma.JsonValue, labResultId: string): SkippedEntry[] {
  return skipped.read(json, labResultId) ?? [];
}

export function writeSkipped(value: SkippedEntry[]): Prisma.InputJsonObject {
  return skipped.write(value);
}
