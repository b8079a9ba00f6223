/**
 * `lab_results.patient_context`: the patient as the partner described them (the agent's `patient`), with the
 * age and sex the file stated filling its gaps. Free-form JSON: the engine reads what it understands
 * (`patientFacts`) and de-identification reads the names in it. Stored `{ v: 1, patient: {...} }`, so our
 * version never mixes with the partner's keys; legacy rows hold the bare object.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import { jsonCodec } from "./stored-json";

const context = z.record(z.string(), z.json());

export type PatientContext = z.infer<typeof context>;

const patientContext = jsonCodec({
  column: "patient_context",
  current: z.object({ v: z.literal(1), patient: context }),
  legacy: context,
  fromLegacy: (legacy) => legacy,
  fromStored: (stored) => stored.patient,
  toStored: (patient: PatientContext) => ({ v: 1 as const, patient }),
});

/** The context as sent (and completed from the file); null when the partner sent none. */
export function readPatientContext(json: Prisma.JsonValue, labResultId: string): PatientContext | null {
  return patientContext.read(json, labResultId);
}

/** Takes what the partner sent or `mergePatientContext` made, and stores it only if it is JSON through and through. */
export function writePatientContext(value: Readonly<Record<string, unknown>>): Prisma.InputJsonObject {
  return patientContext.write(context.parse(value));
}
