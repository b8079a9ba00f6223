import type { SourceId } from "../sources";

/**
 * One statement of guidance from a published source, as the clinician text quotes it (paraphrased, never
 * beyond what the source says). A claim can follow a finding only when the finding carries every tag in
 * `requires`; among those, the full-text search ranks claims by the finding's query.
 */
export interface Claim {
  id: string;
  text: string;
  /** Extra search terms (synonyms, abbreviations) that are not in the text. */
  keywords: string;
  requires: string[];
  source: SourceId;
}
