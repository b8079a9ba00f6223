/**
 * `lab_results.metadata`: what run_inference learnt beside the findings — today the trends, the change since
 * the member's previous result of each analyte. Stored `{ v: 1, trends: [...] }` with ISO dates; legacy rows
 * hold `{ trends: [...] }` without `v`.
 */
import { z } from "zod";
import type { Trend } from "../../clinical/trends";
import type { Prisma } from "../../db";
import { jsonCodec, type Same } from "./stored-json";

const trend = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  previous: z.number(),
  previousAt: z.iso.datetime().nullable(),
  current: z.number(),
  currentAt: z.iso.datetime().nullable(),
  change: z.number(),
  percentChange: z.number().nullable(),
  direction: z.enum(["up", "down", "unchanged"]),
  points: z.number().int(),
  first: z.number().optional(),
  firstAt: z.iso.datetime().nullable().optional(),
});
type StoredTrend = z.infer<typeof trend>;
/** The stored trend is the engine's, with its dates as ISO strings. */
const sameShape: Same<StoredTrend, Omit<Trend, "previousAt" | "currentAt" | "firstAt"> & { previousAt: string | null; currentAt: string | null; firstAt?: string | null }> = true;
void sameShape;

export interface LabMetadata {
  trends: Trend[];
}

const legacy = z.object({ trends: z.array(trend).default([]) });

const iso = (at: Date | null) => at?.toISOString() ?? null;
const date = (at: string | null) => (at === null ? null : new Date(at));
const withDates = (stored: { trends: StoredTrend[] }): LabMetadata => ({
  trends: stored.trends.map(({ firstAt, ...t }) => ({ ...t, previousAt: date(t.previousAt), currentAt: date(t.currentAt), ...(firstAt !== undefined ? { firstAt: date(firstAt) } : {}) })),
});

const metadata = jsonCodec({
  column: "metadata",
  current: z.object({ v: z.literal(1), trends: z.array(trend) }),
  legacy,
  fromLegacy: withDates,
  fromStored: (stored) => withDates(stored),
  toStored: (value: LabMetadata) => ({
    v: 1 as const,
    trends: value.trends.map(({ firstAt, ...t }): StoredTrend => ({ ...t, previousAt: iso(t.previousAt), currentAt: iso(t.currentAt), ...(firstAt !== undefined ? { firstAt: iso(firstAt) } : {}) })),
  }),
});

/** The lab's metadata; null before run_inference has stored any. */
export function readMetadata(json: Prisma.JsonValue, labResultId: string): LabMetadata | null {
  return metadata.read(json, labResultId);
}

export function writeMetadata(value: LabMetadata): Prisma.InputJsonObject {
  return metadata.write(value);
}
