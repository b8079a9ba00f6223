/**
 * 2018 AHA/ACC multisociety Guideline on the Management of Blood Cholesterol (Grundy et al., Circulation
 * 2019;139(25):e1082–e1143): paraphrased recommendations.
 */
import type { Claim } from "./types";

export const LIPIDS_GUIDANCE: Claim[] = [
  {
    id: "grundy.ldl-190",
    text: "In adults 20–75 with LDL-C ≥ 190 mg/dL, maximally tolerated (high-intensity) statin therapy is recommended without calculating 10-year ASCVD risk; if LDL-C falls by < 50% and/or stays ≥ 100 mg/dL, adding ezetimibe is reasonable.",
    keywords: "severe hypercholesterolemia LDL 190 high-intensity statin ezetimibe maximally tolerated",
    requires: ["lipids", "ldl-190-or-more"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.ascvd-statin",
    text: "In clinical ASCVD at age ≤ 75, start or continue high-intensity or maximally tolerated statin therapy, aiming to lower LDL-C by ≥ 50%.",
    keywords: "secondary prevention clinical ASCVD high-intensity statin 50% reduction",
    requires: ["lipids", "ascvd"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.very-high-risk-70",
    text: "In very-high-risk ASCVD, LDL-C ≥ 70 mg/dL on maximally tolerated statin therapy is the threshold for adding non-statin drugs: adding ezetimibe is reasonable, and a PCSK9 inhibitor if LDL-C stays ≥ 70 mg/dL on both.",
    keywords: "very high risk ASCVD LDL 70 ezetimibe PCSK9 inhibitor add-on non-statin",
    requires: ["lipids", "ascvd", "on-statin", "ldl-70-or-more"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.diabetes-statin",
    text: "In adults 40–75 with diabetes, moderate-intensity statin therapy is indicated regardless of estimated 10-year ASCVD risk.",
    keywords: "diabetes mellitus 40-75 moderate-intensity statin regardless of risk",
    requires: ["lipids", "diabetes-40-75"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.pooled-cohort",
    text: "In adults 40–75 without diabetes and with LDL-C 70–189 mg/dL, estimate 10-year ASCVD risk with the Pooled Cohort Equations and hold a clinician–patient risk discussion; at intermediate risk (≥ 7.5%), a moderate-intensity statin is recommended if the discussion favours statin therapy.",
    keywords: "primary prevention pooled cohort equations 10-year risk 7.5% risk discussion moderate-intensity statin",
    requires: ["lipids", "risk-estimation"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.risk-enhancers",
    text: "In adults 40–75 at borderline (5–< 7.5%) or intermediate (7.5–< 20%) 10-year risk, risk-enhancing factors such as persistent LDL-C 160–189 mg/dL, persistent triglycerides ≥ 175 mg/dL, Lp(a) ≥ 50 mg/dL or ≥ 125 nmol/L, or apoB ≥ 130 mg/dL favour starting statin therapy.",
    keywords: "risk-enhancing factors borderline intermediate risk Lp(a) apoB triglycerides LDL 160 statin initiation",
    requires: ["lipids", "risk-enhancer"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.statin-monitoring",
    text: "Assess adherence and the percentage LDL-C response with a lipid panel 4–12 weeks after starting a statin or changing its dose, then every 3–12 months as needed.",
    keywords: "monitoring statin response adherence repeat lipid panel 4-12 weeks",
    requires: ["lipids", "on-statin"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.moderate-tg",
    text: "With moderate hypertriglyceridemia (triglycerides 175–499 mg/dL), address lifestyle factors (obesity, metabolic syndrome), secondary factors (diabetes, chronic liver or kidney disease, nephrotic syndrome, hypothyroidism) and medicines that raise triglycerides.",
    keywords: "moderate hypertriglyceridemia 175 499 secondary causes lifestyle medications",
    requires: ["lipids", "tg-175-499"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.severe-tg",
    text: "With severe hypertriglyceridemia (fasting triglycerides ≥ 500 mg/dL, and especially ≥ 1000 mg/dL), address other causes; if triglycerides stay high or rise, reduce them with a very low-fat diet, avoidance of refined carbohydrates and alcohol, omega-3 fatty acids and, if needed to prevent acute pancreatitis, fibrate therapy.",
    keywords: "severe hypertriglyceridemia 500 1000 pancreatitis fibrate omega-3 very low-fat diet alcohol",
    requires: ["lipids", "tg-500-or-more"],
    source: "grundyCholesterol2018",
  },
  {
    id: "grundy.lpa",
    text: "Lp(a) ≥ 50 mg/dL or ≥ 125 nmol/L is a risk-enhancing factor, especially at higher levels; a family history of premature ASCVD is a relative indication for measuring it.",
    keywords: "lipoprotein(a) Lp(a) 50 mg/dL 125 nmol/L family history premature ASCVD",
    requires: ["lipids", "lpa-elevated"],
    source: "grundyCholesterol2018",
  },
];
