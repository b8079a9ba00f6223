/**
 * ADA Standards of Care in Diabetes—2025, Section 2 (Diagnosis and Classification of Diabetes, Diabetes Care
 * 2025;48(Suppl 1):S27–S49) and Section 6 (Glycemic Goals and Hypoglycemia, S128–S145): paraphrased
 * recommendations and the text that supports them.
 */
import type { Claim } from "./types";

export const GLYCEMIA_GUIDANCE: Claim[] = [
  {
    id: "ada.diagnostic-criteria",
    text: "Diabetes is diagnosed by A1C ≥ 6.5%, fasting plasma glucose ≥ 126 mg/dL (no caloric intake for ≥ 8 h), 2-h plasma glucose ≥ 200 mg/dL during a 75-g OGTT, or a random plasma glucose ≥ 200 mg/dL with classic symptoms of hyperglycemia or a hyperglycemic crisis.",
    keywords: "diagnosis criteria A1C 6.5 FPG 126 OGTT 200 random glucose diabetes range",
    requires: ["glycemia", "diabetes-range"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.confirm-diagnosis",
    text: "Without unequivocal hyperglycemia, a diagnosis needs two abnormal results, from the same sample or from two separate samples; a second sample should be tested without delay, by repeating the same test or using a different one.",
    keywords: "confirm repeat second test same sample separate sample unconfirmed single result",
    requires: ["glycemia", "confirmation-needed"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.confirmed",
    text: "Two abnormal results confirm the diagnosis: the same test above the threshold in two separate samples, or two different tests (such as A1C and fasting plasma glucose) both above their thresholds in the same or separate samples.",
    keywords: "confirmed diagnosis two tests agree A1C FPG concordant repeat",
    requires: ["glycemia", "confirmed"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.discordant-results",
    text: "When two different tests disagree, repeat the test whose result is above the diagnostic cut point, considering possible A1C assay interference; the diagnosis rests on the confirmed test.",
    keywords: "discordant A1C glucose disagree repeat interference hemoglobin variant",
    requires: ["glycemia", "discordant"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.a1c-altered-relationship",
    text: "Where the relationship between A1C and glycemia is altered (hemoglobinopathies such as sickle cell disease, pregnancy in the second and third trimesters and postpartum, G6PD deficiency, HIV, hemodialysis, recent blood loss or transfusion, erythropoietin therapy), diagnose diabetes with plasma glucose criteria only.",
    keywords: "A1C interference red cell turnover sickle cell hemodialysis transfusion erythropoietin plasma glucose only",
    requires: ["glycemia", "a1c-measured"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.prediabetes",
    text: "Prediabetes is A1C 5.7–6.4%, fasting glucose 100–125 mg/dL (impaired fasting glucose) or 2-h OGTT glucose 140–199 mg/dL; risk is continuous, extending below these ranges and rising disproportionately at their upper ends, and people with prediabetes should be tested for diabetes yearly.",
    keywords: "prediabetes impaired fasting glucose IFG IGT 5.7 6.4 100 125 annual yearly testing risk",
    requires: ["glycemia", "prediabetes-range"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.random-glucose",
    text: "A random plasma glucose ≥ 200 mg/dL establishes diabetes only in a person with classic symptoms of hyperglycemia (polyuria, polydipsia, unexplained weight loss) or a hyperglycemic crisis; otherwise the diagnosis needs confirmation.",
    keywords: "random casual glucose 200 symptoms polyuria polydipsia weight loss hyperglycemic crisis",
    requires: ["glycemia", "random-glucose-200"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.pregnancy-criteria",
    text: "In pregnancy, standard diagnostic criteria are used to find preexisting diabetes at the first prenatal visit (before 15 weeks); gestational diabetes is diagnosed with an OGTT at 24–28 weeks against pregnancy-specific thresholds, and A1C alone is not used for diagnosis in the second and third trimesters.",
    keywords: "pregnancy gestational diabetes GDM OGTT 24-28 weeks first prenatal visit thresholds",
    requires: ["glycemia", "pregnancy"],
    source: "adaDiagnosis2025",
  },
  {
    id: "ada.a1c-goal",
    text: "An A1C goal of < 7% without significant hypoglycemia is appropriate for many nonpregnant adults; goals are individualized, less stringent (e.g. < 8%) where limited life expectancy or harms of treatment outweigh benefits, and more stringent where they can be reached safely.",
    keywords: "A1C goal target 7 individualized less stringent 8 hypoglycemia glycemic control",
    requires: ["glycemia", "diabetes-known"],
    source: "adaGlycemicGoals2025",
  },
  {
    id: "ada.a1c-monitoring",
    text: "Assess glycemic status at least twice a year in people meeting their goals with stable glycemia, and at least quarterly, or as needed, when therapy has changed or goals are not met.",
    keywords: "A1C frequency monitoring quarterly twice yearly every 3 months above goal",
    requires: ["glycemia", "diabetes-known"],
    source: "adaGlycemicGoals2025",
  },
];
