/**
 * `lab_results.input`: the lab items a partner submitted (agent runs), read by pipeline.ingest_validate.
 * Stored `{ v: 1, items: [...] }`; legacy rows hold the bare array.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import type { LabItemInput } from "../../ingest";
import { jsonCodec, type Same } from "./stored-json";

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

const input = jsonCodec({
  column: "input",
  current: z.object({ v: z.literal(1), items: z.array(item) }),
  legacy: z.array(item),
  fromLegacy: (legacy): LabItemInput[] => legacy,
  fromStored: (stored) => stored.items,
  toStored: (value: LabItemInput[]) => {
    const items: StoredItem[] = value;
    return { v: 1 as const, items };
  },
});

/** The submitted items; null for a lab read from an uploaded file. */
export function readInput(json: Prisma.JsonValue, labResultId: string): LabItemInput[] | null {
  return input.read(json, labResultId);
}

export function writeInput(value: LabItemInput[]): Prisma.InputJsonObject {
  return input.write(value);
}
