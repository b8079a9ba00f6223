/**
 * Every published source the clinical engine can cite. A derived value, finding or guidance claim names its
 * source by key, and the narratives turn keys into numbered citations, so a citation the engine did not look
 * up cannot appear (DESIGN §7). Each domain keeps its sources next to each other in its own file.
 */
import { CARDIOMETABOLIC_SOURCES } from "./cardiometabolic";
import { HAEMATOLOGY_ENDOCRINE_SOURCES } from "./haematology-endocrine";
import { REFERENCE_SOURCES } from "./reference";
import type { Source } from "./types";

export type { Source } from "./types";

export const SOURCES = {
  ...REFERENCE_SOURCES,
  ...CARDIOMETABOLIC_SOURCES,
  ...HAEMATOLOGY_ENDOCRINE_SOURCES,
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
