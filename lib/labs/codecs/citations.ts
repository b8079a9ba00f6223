/**
 * `lab_results.citations`: the numbered citations of the patient and clinician Markdown, in seed 001's
 * shape. Stored `{ v: 1, patient: {...}, clinician: {...} }`; legacy rows hold the same object without `v`.
 */
import { z } from "zod";
import type { CitationMap } from "../../clinical/narrative/citations";
import type { Prisma } from "../../db";
import { jsonCodec, type Same } from "./stored-json";

const citation = z.object({
  url: z.string(),
  title: z.string(),
  metadata: z.object({ type: z.enum(["pubmed", "guideline"]), pmid: z.string().optional(), doi: z.string().optional() }),
});
const citationMap = z.record(z.string(), citation);

/** A type, not an interface, so it is a plain record where the API returns the stored object as it is. */
export type LabCitations = { patient: CitationMap; clinician: CitationMap };

type StoredCitations = z.infer<typeof citationMap>;
const sameShape: Same<StoredCitations, CitationMap> = true;
void sameShape;

const legacy = z.object({ patient: citationMap, clinician: citationMap });

const citations = jsonCodec({
  column: "citations",
  current: legacy.extend({ v: z.literal(1) }),
  legacy,
  fromLegacy: (stored): LabCitations => stored,
  fromStored: ({ patient, clinician }) => ({ patient, clinician }),
  toStored: (value: LabCitations) => {
    const patient: StoredCitations = value.patient;
    const clinician: StoredCitations = value.clinician;
    return { v: 1 as const, patient, clinician };
  },
});

/** Both audiences' citations; null before write_artifacts has stored them. */
export function readCitations(json: Prisma.JsonValue, labResultId: string): LabCitations | null {
  return citations.read(json, labResultId);
}

export function writeCitations(value: LabCitations): Prisma.InputJsonObject {
  return citations.write(value);
}
