/**
 * Vitamins: Endocrine Society 2011 (Holick) and 2024 (Demay) vitamin D guidelines, the IOM 2011 dietary
 * reference intakes (Ross), ADA Standards of Care 2025 (metformin and B12), NICE NG239 (2024) on vitamin B12
 * deficiency, and Stabler's review (NEJM 2013) for B12 and folate together, paraphrased. Where the vitamin D sources disagree, each claim says whose view
 * it is.
 */
import type { Claim } from "./types";

export const VITAMINS_GUIDANCE: Claim[] = [
  {
    id: "endo-2011.treat-deficiency",
    text: "Endocrine Society 2011: treat vitamin D–deficient adults with 50,000 IU of vitamin D2 or D3 once a week for 8 weeks, or 6,000 IU daily, to reach 25(OH)D above 30 ng/mL, then maintain with 1,500–2,000 IU a day.",
    keywords: "vitamin D deficiency treatment dose 50000 IU weekly cholecalciferol ergocalciferol maintenance",
    requires: ["vitamins", "vitamin-d-below-20"],
    source: "holickVitaminD2011",
  },
  {
    id: "endo-2011.test-at-risk",
    text: "Endocrine Society 2011: measure serum 25(OH)D only in people at risk of deficiency; screening people who are not at risk is not recommended.",
    keywords: "vitamin D testing screening at risk 25-hydroxyvitamin D population",
    requires: ["vitamins", "vitamin-d-low"],
    source: "holickVitaminD2011",
  },
  {
    id: "iom-2011.sufficiency",
    text: "IOM 2011: a serum 25(OH)D of 20 ng/mL (50 nmol/L) meets the bone-health needs of at least 97.5% of the population; the RDA is 600 IU a day from age 1 to 70 and 800 IU a day over 70.",
    keywords: "vitamin D 20 ng/mL sufficient RDA 600 800 IU dietary reference intake insufficiency",
    requires: ["vitamins", "vitamin-d-low"],
    source: "iomVitaminD2011",
  },
  {
    id: "endo-2024.no-routine-testing",
    text: "Endocrine Society 2024: routine 25(OH)D testing is suggested against in people without an established indication; empiric vitamin D is suggested for ages 1–18, adults over 75, pregnancy and high-risk prediabetes.",
    keywords: "vitamin D routine testing not recommended empiric supplementation older adults pregnancy prediabetes 2024",
    requires: ["vitamins", "vitamin-d-low"],
    source: "demayVitaminD2024",
  },
  {
    id: "ada-2025.metformin-b12",
    text: "Long-term metformin may cause biochemical vitamin B12 deficiency: measure B12 periodically in people taking metformin, especially those with anaemia or peripheral neuropathy.",
    keywords: "metformin vitamin B12 deficiency periodic monitoring anaemia neuropathy diabetes",
    requires: ["vitamins", "metformin"],
    source: "adaPharmacologic2025",
  },
  {
    id: "nice-b12.mma-indeterminate",
    text: "When a total or active B12 result is indeterminate and there are symptoms or signs of deficiency, consider measuring serum methylmalonic acid.",
    keywords: "borderline B12 methylmalonic acid MMA holotranscobalamin active B12 indeterminate second line",
    requires: ["vitamins", "b12-borderline"],
    source: "niceB12_2024",
  },
  {
    id: "nice-b12.anti-intrinsic-factor",
    text: "In confirmed B12 deficiency, test for anti-intrinsic factor antibodies to look for autoimmune gastritis (pernicious anaemia) as the cause.",
    keywords: "pernicious anaemia autoimmune gastritis anti-intrinsic factor antibodies low B12 cause",
    requires: ["vitamins", "b12-low"],
    source: "niceB12_2024",
  },
  {
    id: "stabler.folate-not-alone",
    text: "Do not give folic acid alone when cobalamin deficiency may be present: it can correct the anaemia while the neurological damage progresses; replace cobalamin first or together.",
    keywords: "folate deficiency folic acid B12 first neurological masking treatment",
    requires: ["vitamins", "folate-low"],
    source: "stablerB12Deficiency2013",
  },
];
