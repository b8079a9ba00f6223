/**
 * The clinical rules, in the order their findings are listed within one severity. Critical values and the
 * generic out-of-range summary are not here: `interpret` runs them first and last.
 */
import { anaemiaRule } from "./anaemia";
import { ckdManagementRule } from "./ckd-management";
import { electrolytesRule } from "./electrolytes";
import { fibrosisRule } from "./fibrosis";
import { glycemiaRule } from "./glycemia";
import { inflammationRule } from "./inflammation";
import { kidneyRule } from "./kidney";
import { lipidsRule } from "./lipids";
import { liverRule } from "./liver";
import { thyroidRule } from "./thyroid";
import { vitaminsRule } from "./vitamins";
import type { Rule } from "./types";

export type { Rule } from "./types";

export const RULES: readonly Rule[] = [
  kidneyRule,
  ckdManagementRule,
  electrolytesRule,
  glycemiaRule,
  lipidsRule,
  anaemiaRule,
  thyroidRule,
  liverRule,
  fibrosisRule,
  vitaminsRule,
  inflammationRule,
];
