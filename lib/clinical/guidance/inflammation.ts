/**
 * Inflammation markers: AHA/CDC 2003 scientific statement on markers of inflammation and cardiovascular
 * disease (Pearson), the AGA 2020 note on ferritin in inflammation, and Miller's age-adjusted ESR (BMJ 1983),
 * paraphrased.
 */
import type { Claim } from "./types";

export const INFLAMMATION_GUIDANCE: Claim[] = [
  {
    id: "aha-cdc.two-measurements",
    text: "For cardiovascular risk, measure hs-CRP twice, ideally 2 weeks apart, fasting or not, in a metabolically stable patient, and use the average.",
    keywords: "hs-CRP repeat two measurements average two weeks stable",
    requires: ["inflammation", "hs-crp"],
    source: "pearsonInflammationMarkers2003",
  },
  {
    id: "aha-cdc.risk-categories",
    text: "hs-CRP below 1, 1–3 and above 3 mg/L mark low, average and high relative cardiovascular risk; testing is optional, most useful at intermediate risk (10–20% 10-year risk) to guide further evaluation or therapy, and screening the whole adult population is not recommended.",
    keywords: "hs-CRP risk categories low average high intermediate risk 10-20% primary prevention screening",
    requires: ["inflammation", "hs-crp"],
    source: "pearsonInflammationMarkers2003",
  },
  {
    id: "aha-cdc.hs-crp-above-10",
    text: "An hs-CRP above 10 mg/L should not be used for cardiovascular risk: repeat it and look for an obvious source of infection or inflammation.",
    keywords: "hs-CRP above 10 infection inflammation repeat disregard",
    requires: ["inflammation", "hs-crp-above-10"],
    source: "pearsonInflammationMarkers2003",
  },
  {
    id: "aha-cdc.crp-above-10",
    text: "CRP above 10 mg/L reflects an acute infectious or inflammatory process; look for its source, and do not use such a value to estimate cardiovascular risk.",
    keywords: "CRP above 10 acute infection inflammation source",
    requires: ["inflammation", "crp-above-10"],
    source: "pearsonInflammationMarkers2003",
  },
  {
    id: "aga-ida.ferritin-in-inflammation",
    text: "With inflammatory conditions ferritin may not reflect iron stores: CRP, transferrin saturation or soluble transferrin receptor may be needed alongside ferritin to diagnose iron deficiency.",
    keywords: "ferritin acute phase reactant inflammation iron deficiency transferrin saturation CRP",
    requires: ["inflammation", "crp-high"],
    source: "agaIronDeficiency2020",
  },
  {
    id: "miller.esr-upper-limit",
    text: "The upper limit of normal for the Westergren ESR rises with age: about age/2 mm/h in men and (age + 10)/2 mm/h in women.",
    keywords: "ESR sedimentation rate age adjusted upper limit men women raised",
    requires: ["inflammation", "esr-high"],
    source: "millerEsr1983",
  },
  {
    id: "miller.esr-age-flag",
    text: "Judge an ESR flagged high against the age-adjusted limit (men age/2, women (age + 10)/2 mm/h): in older adults a value above a fixed laboratory range may still be normal for age.",
    keywords: "ESR older adults age adjusted flagged high normal for age",
    requires: ["inflammation", "esr-within-age-limit"],
    source: "millerEsr1983",
  },
];
