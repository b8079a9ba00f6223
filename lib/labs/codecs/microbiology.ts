/**
 * `lab_results.microbiology`: the cultures and antibiotic susceptibilities extraction read, kept apart from the
 * analytes so they are never read as chemistry. Stored `{ version: 1, results: [...] }` — the shape agreed for
 * issue 13, which the evaluation reads directly — and null when the file had none.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import type { MicrobiologyResult } from "../../ingest";
import { StoredJsonError, type Same } from "./stored-json";

const susceptibility = z.object({
  antibiotic: z.string(),
  mic: z.string().optional(),
  interpretation: z.enum(["S", "I", "R", "SDD", "NS"]).optional(),
  method: z.string().optional(),
});

const result = z.object({
  test: z.string(),
  loinc: z.string().optional(),
  specimen: z.string().optional(),
  organism: z.string().optional(),
  finding: z.string().optional(),
  quantity: z.string().optional(),
  observedAt: z.string().optional(),
  resultStatus: z.enum(["preliminary", "corrected"]).optional(),
  susceptibilities: z.array(susceptibility),
  notes: z.string().optional(),
});
type StoredResult = z.infer<typeof result>;
const sameShape: Same<StoredResult, MicrobiologyResult> = true;
void sameShape;

const stored = z.object({ version: z.literal(1), results: z.array(result) });

/** The lab's culture results; [] when it has none. Throws StoredJsonError for a value of any other shape. */
export function readMicrobiology(json: Prisma.JsonValue, labResultId: string): MicrobiologyResult[] {
  if (json === null) return [];
  const parsed = stored.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
    throw new StoredJsonError("microbiology", labResultId, `does not match { version: 1, results }: ${where}`);
  }
  return parsed.data.results;
}

/** The column's value: null (Prisma.DbNull) is written by the caller when there are no results. */
export function writeMicrobiology(results: MicrobiologyResult[]): Prisma.InputJsonObject {
  return stored.parse({ version: 1, results });
}
