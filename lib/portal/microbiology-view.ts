/** A stored culture (lab_results.microbiology) as the portal shows it: every optional field an explicit null. */
import type { MicrobiologyResult } from "../ingest";
import type { PortalCulture } from "./schemas";

export function presentCulture(culture: MicrobiologyResult): PortalCulture {
  return {
    test: culture.test,
    loinc: culture.loinc ?? null,
    specimen: culture.specimen ?? null,
    organism: culture.organism ?? null,
    finding: culture.finding ?? null,
    quantity: culture.quantity ?? null,
    observedAt: culture.observedAt ?? null,
    resultStatus: culture.resultStatus ?? null,
    susceptibilities: culture.susceptibilities.map((s) => ({
      antibiotic: s.antibiotic,
      mic: s.mic ?? null,
      interpretation: s.interpretation ?? null,
      method: s.method ?? null,
    })),
    notes: culture.notes ?? null,
  };
}
