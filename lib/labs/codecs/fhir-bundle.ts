/**
 * `lab_results.fhir_bundle`: the pipeline's checkpoint of the lab as a FHIR R4 Bundle (pipeline.fhir_store_upsert;
 * what is served is built from the final analytes, ../fhir). Stored
 * `{ v: 1, bundle: {...} }`, so the Bundle itself stays a valid FHIR resource with no key of ours in it;
 * legacy rows hold the bare Bundle. Only the frame goes through this codec: the step appends the Observations to
 * `bundle.entry` (fhir-step.ts), in the same write for a lab of one chunk, in SQL a chunk at a time beyond.
 */
import { z } from "zod";
import type { Prisma } from "../../db";
import { jsonCodec } from "./stored-json";

const resource = z.object({ resourceType: z.string(), id: z.string() }).catchall(z.json());

// Other Bundle elements (id, meta) are kept as they are.
const bundle = z
  .object({
    resourceType: z.literal("Bundle"),
    type: z.literal("collection"),
    timestamp: z.iso.datetime(),
    entry: z.array(z.object({ fullUrl: z.string(), resource })),
  })
  .catchall(z.json());

export type FhirBundle = z.infer<typeof bundle>;

const fhirBundle = jsonCodec({
  column: "fhir_bundle",
  current: z.object({ v: z.literal(1), bundle }),
  legacy: bundle,
  fromLegacy: (legacy) => legacy,
  fromStored: (stored) => stored.bundle,
  toStored: (value: FhirBundle) => ({ v: 1 as const, bundle: value }),
});

/** The Bundle; null before the FHIR step has run. */
export function readFhirBundle(json: Prisma.JsonValue, labResultId: string): FhirBundle | null {
  return fhirBundle.read(json, labResultId);
}

export function writeFhirBundle(value: FhirBundle): Prisma.InputJsonObject {
  return fhirBundle.write(value);
}

/**
 * `frame` through the codec, with `observations` appended to its entries as the step appends a chunk in SQL
 * (fhir-step.ts): they come from the typed builder (../fhir), and checking every JSON value of sixty of them
 * again cost more than building them.
 */
export function writeFhirBundleWith(frame: FhirBundle, observations: FhirBundle["entry"]): Prisma.InputJsonObject {
  const stored = fhirBundle.write(frame) as { v: 1; bundle: FhirBundle };
  return { ...stored, bundle: { ...stored.bundle, entry: [...stored.bundle.entry, ...observations] } } as Prisma.InputJsonObject;
}
