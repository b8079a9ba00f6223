/**
 * Every published source the clinical engine can cite. A derived value, finding or guidance claim names its
 * source by key, and the narratives turn keys into numbered citations, so a citation the engine did not look
 * up cannot appear (DESIGN §7). Each domain keeps its sources next to each other in its own file.
 */
import { CARDIOMETABOLIC_SOURCES } from "./cardiometabolic";
import { HAEMATOLOGY_ENDOCRINE_SOURCES } from "./haematology-endocrine";
import { MICROBIOLOGY_SOURCES } from "./microbiology";
import { REFERENCE_SOURCES } from "./reference";
import { RETIRED_SOURCES } from "./retired";
import type { Source } from "./types";

export type { Source } from "./types";

export const SOURCES = {
  ...REFERENCE_SOURCES,
  ...CARDIOMETABOLIC_SOURCES,
  ...HAEMATOLOGY_ENDOCRINE_SOURCES,
  ...RETIRED_SOURCES,
  ...MICROBIOLOGY_SOURCES,
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

/** Keys kept for stored findings only (see retired.ts): nothing new may cite them. */
export const RETIRED_SOURCE_IDS: ReadonlySet<string> = new Set(Object.keys(RETIRED_SOURCES));
