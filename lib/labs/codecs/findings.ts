/**
 * `lab_results.findings`: the clinical engine's findings, with the guidance each retrieved, as run_inference
 * stored them. Stored `{ v: 1, items: [...] }`; legacy rows hold the bare array.
 */
import { z } from "zod";
import { SEVERITIES } from "../../clinical/findings";
import type { InterpretedFinding } from "../../clinical/interpret";
import { SOURCES, type SourceId } from "../../clinical/sources";
import type { Prisma } from "../../db";
import { listCodec, type Same } from "./stored-json";

/** A source the knowledge base still has: a finding citing one it no longer has cannot be shown. */
const sourceId = z.custom<SourceId>((id) => typeof id === "string" && Object.hasOwn(SOURCES, id), "not a source of the knowledge base");

const statement = z.object({ text: z.string(), sources: z.array(sourceId) });

const finding = z.object({
  id: z.string(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  patientTitle: z.string(),
  analytes: z.array(z.string()),
  patient: z.array(statement),
  clinician: z.array(statement),
  ask: z.string().optional(),
  guidance: z.object({ query: z.string(), tags: z.array(z.string()) }),
  guidanceIds: z.array(z.string()),
});

type StoredFinding = z.infer<typeof finding>;

/** The schema is the engine's type, field for field: a field added to one and not the other fails to compile. */
const sameShape: Same<StoredFinding, InterpretedFinding> = true;
void sameShape;

const findings = listCodec<StoredFinding>("findings", finding);

/** The lab's findings; [] before run_inference has stored any. */
export function readFindings(json: Prisma.JsonValue, labResultId: string): InterpretedFinding[] {
  return findings.read(json, labResultId) ?? [];
}

export function writeFindings(value: InterpretedFinding[]): Prisma.InputJsonObject {
  return findings.write(value);
}
