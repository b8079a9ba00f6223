/**
 * A stored finding as the APIs show it: its statements joined into text and its source keys resolved to the
 * sources themselves, so a client can show each finding with its evidence without the Markdown. camelCase;
 * the member surface renames `patientTitle` to its snake_case.
 */
import { SEVERITIES, type Severity } from "./findings";
import { claimById } from "./guidance";
import type { InterpretedFinding } from "./interpret";
import { SOURCES, type SourceId } from "./sources";

export interface SourceView {
  title: string;
  url: string;
  type: "pubmed" | "guideline";
  pmid: string | null;
  doi: string | null;
}

export interface FindingView {
  id: string;
  severity: Severity;
  title: string;
  patientTitle: string;
  analytes: string[];
  patient: string;
  clinician: string;
  ask: string | null;
  guidance: { id: string; text: string; source: SourceView }[];
  sources: SourceView[];
}

export { SEVERITIES };

function source(id: SourceId): SourceView {
  const s: { title: string; url: string; type: "pubmed" | "guideline"; pmid?: string; doi?: string } = SOURCES[id];
  return { title: s.title, url: s.url, type: s.type, pmid: s.pmid ?? null, doi: s.doi ?? null };
}

export function presentFinding(f: InterpretedFinding): FindingView {
  const claims = f.guidanceIds.map(claimById).filter((c) => c !== undefined);
  const cited = [...new Set([...f.patient, ...f.clinician].flatMap((s) => s.sources))];
  return {
    id: f.id,
    severity: f.severity,
    title: f.title,
    patientTitle: f.patientTitle,
    analytes: f.analytes,
    patient: f.patient.map((s) => s.text).join(" "),
    clinician: f.clinician.map((s) => s.text).join(" "),
    ask: f.ask ?? null,
    guidance: claims.map((c) => ({ id: c.id, text: c.text, source: source(c.source) })),
    sources: cited.map(source),
  };
}
