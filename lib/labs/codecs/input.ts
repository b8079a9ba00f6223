/**
 * `lab_results.input`: the lab items a partner submitted (agent runs), read by pipeline.ingest_validate.
 * Stored `{ v: 1, items: [...] }`; legacy rows hold the bare array.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import type { LabItemInput } from "../../ingest";
import { listCodec, type Same } from "./stored-json";

const item = z.object({
  name: z.string(),
  value: z.union([z.string(), z.number()]),
  unit: z.string().optional(),
  referenceRange: z.string().optional(),
  flag: z.string().optional(),
  date: z.string().optional(),
  category: z.string().optional(),
  notes: z.string().optional(),
  loinc: z.string().optional(),
});
type StoredItem = z.infer<typeof item>;
const sameShape: Same<StoredItem, LabItemInput> = true;
void sameShape;

const input = listCodec<StoredItem>("input", item);

/** The submitted items; null for a lab read from an uploaded file. */
export function readInput(json: Prisma.JsonValue, labResultId: string): LabItemInput[] | null {
  return input.read(json, labResultId);
}

export function writeInput(value: LabItemInput[]): Prisma.InputJsonObject {
  return input.write(value);
}
