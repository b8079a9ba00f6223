/**
 * Sources no rule or guidance claim cites any more, kept only so that findings stored before they were
 * replaced still read (the findings codec accepts only source keys the knowledge base has). Never cite these.
 */
import type { Source } from "./types";

export const RETIRED_SOURCES = {
  /** Superseded for vitamin B12 by NICE NG239 (2024), `niceB12_2024`. */
  devaliaCobalaminFolate2014: {
    title: "Devalia V et al. Guidelines for the diagnosis and treatment of cobalamin and folate disorders (British Committee for Standards in Haematology). Br J Haematol 2014;166(4):496-513",
    url: "https://pubmed.ncbi.nlm.nih.gov/24942828/",
    pmid: "24942828",
    doi: "10.1111/bjh.12959",
    type: "guideline",
  },
} as const satisfies Record<string, Source>;
