/**
 * Numbered citations for one audience's text, in the shape of seed 001's `citations.patient` /
 * `citations.clinician`: numbers assigned in order of first use, each resolving to a source of the knowledge
 * base. A number exists only because a statement cited a source key, so nothing can be cited that the engine
 * did not look up.
 */
import { SOURCES, type SourceId } from "../sources";

export interface Citation {
  url: string;
  title: string;
  metadata: { type: "pubmed" | "guideline"; pmid?: string; doi?: string };
}

export type CitationMap = Record<string, Citation>;

export class Citations {
  private readonly numbers = new Map<SourceId, number>();

  /** "[1][2]" for the given sources (numbering them on first use), or "" when there are none. */
  cite(sources: readonly SourceId[]): string {
    return [...new Set(sources)].map((id) => `[${this.number(id)}]`).join("");
  }

  private number(id: SourceId): number {
    if (!(id in SOURCES)) throw new Error(`Unknown source ${String(id)}`);
    if (!this.numbers.has(id)) this.numbers.set(id, this.numbers.size + 1);
    return this.numbers.get(id)!;
  }

  toJSON(): CitationMap {
    const map: CitationMap = {};
    for (const [id, n] of this.numbers) {
      const source: { title: string; url: string; type: "pubmed" | "guideline"; pmid?: string; doi?: string } = SOURCES[id];
      map[String(n)] = {
        url: source.url,
        title: source.title,
        metadata: { type: source.type, ...(source.pmid ? { pmid: source.pmid } : {}), ...(source.doi ? { doi: source.doi } : {}) },
      };
    }
    return map;
  }
}

/** A sentence followed by its citation markers. */
export function cited(citations: Citations, text: string, sources: readonly SourceId[]): string {
  const marks = citations.cite(sources);
  return marks ? `${text} ${marks}` : text;
}
