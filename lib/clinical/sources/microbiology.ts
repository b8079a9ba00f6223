/**
 * Sources behind what the narratives say about antimicrobial susceptibility categories. The categories
 * themselves are the laboratory's: Labwise shows S, I, R, SDD and NS as the file reports them and never
 * re-reads an MIC against a breakpoint.
 */
import type { Source } from "./types";

export const MICROBIOLOGY_SOURCES = {
  clsiM100: {
    title:
      "Clinical and Laboratory Standards Institute. Performance Standards for Antimicrobial Susceptibility Testing. 34th ed. CLSI supplement M100 (M100-Ed34). CLSI; 2024",
    url: "https://clsi.org/standards/products/microbiology/documents/m100/",
    type: "guideline",
  },
  eucastSir2019: {
    title: "European Committee on Antimicrobial Susceptibility Testing (EUCAST). New definitions of S, I and R from 2019",
    url: "https://www.eucast.org/newsiandr/",
    type: "guideline",
  },
} as const satisfies Record<string, Source>;
