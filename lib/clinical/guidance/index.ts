/**
 * The guideline corpus (DESIGN §7): every claim of guidance the engine can quote, each tied to its published
 * source, searched with a full-text index (MiniSearch, BM25). A finding asks for guidance with its query and
 * tags; only claims whose `requires` tags the finding carries are eligible, and the index ranks those by the
 * query. What comes back is what the clinician text quotes, so retrieval can widen what is said about a
 * finding but never attach guidance written for another situation.
 */
import MiniSearch from "minisearch";
import type { Finding } from "../findings";
import { ANAEMIA_GUIDANCE } from "./anaemia";
import { GLYCEMIA_GUIDANCE } from "./glycemia";
import { INFLAMMATION_GUIDANCE } from "./inflammation";
import { KIDNEY_GUIDANCE } from "./kidney";
import { LIPIDS_GUIDANCE } from "./lipids";
import { LIVER_GUIDANCE } from "./liver";
import { THYROID_GUIDANCE } from "./thyroid";
import { VITAMINS_GUIDANCE } from "./vitamins";
import type { Claim } from "./types";

export type { Claim } from "./types";

export const GUIDANCE: readonly Claim[] = [
  ...KIDNEY_GUIDANCE,
  ...GLYCEMIA_GUIDANCE,
  ...LIPIDS_GUIDANCE,
  ...ANAEMIA_GUIDANCE,
  ...THYROID_GUIDANCE,
  ...LIVER_GUIDANCE,
  ...VITAMINS_GUIDANCE,
  ...INFLAMMATION_GUIDANCE,
];

const BY_ID = new Map<string, Claim>();
for (const claim of GUIDANCE) {
  if (BY_ID.has(claim.id)) throw new Error(`Guidance claim ${claim.id} is defined twice`);
  BY_ID.set(claim.id, claim);
}

const index = new MiniSearch<Claim>({
  fields: ["text", "keywords"],
  storeFields: ["id"],
  searchOptions: { boost: { keywords: 2 }, prefix: true, fuzzy: 0.15, combineWith: "OR" },
});
index.addAll(GUIDANCE);

export function claimById(id: string): Claim | undefined {
  return BY_ID.get(id);
}

/** The claims that follow a finding, best match first: at most `limit`, only those whose tags it carries. */
export function guidanceFor(finding: Pick<Finding, "guidance">, limit = 3): Claim[] {
  const tags = new Set(finding.guidance.tags);
  const eligible = (claim: Claim) => claim.requires.every((tag) => tags.has(tag));
  return index
    .search(finding.guidance.query, { filter: (result) => eligible(BY_ID.get(result.id as string)!) })
    .slice(0, limit)
    .map((result) => BY_ID.get(result.id as string)!);
}
