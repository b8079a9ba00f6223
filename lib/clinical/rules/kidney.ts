/**
 * Kidney function by KDIGO 2024: the GFR category (G1–G5) from eGFR, measured or calculated by CKD-EPI 2021,
 * and the albuminuria category (A1–A3) from the urine albumin-to-creatinine ratio. One lab describes one
 * moment: CKD needs the abnormality to last more than 3 months, so the text says "consistent with", never
 * "has CKD". G1 and G2 are only reported with albuminuria, because without a marker of kidney damage they are
 * not CKD.
 */
import { SEVERITIES, type Finding, type Severity } from "../findings";
import { hasCondition } from "../patient";
import { albuminuriaCategory, gfrCategory, type GfrCategory } from "../kdigo";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";

const SEVERITY: Record<GfrCategory, Severity> = { G1: "info", G2: "info", G3a: "moderate", G3b: "high", G4: "high", G5: "high" };

export const kidneyRule: Rule = (panel, patient) => {
  const egfr = panel.get("egfr");
  const acr = panel.value("urine-albumin-creatinine-ratio");
  const a = acr !== undefined ? albuminuriaCategory(acr) : null;
  if (!egfr || egfr.value === null) return a && a.category !== "A1" ? [albuminuriaOnly(resultText(panel.get("urine-albumin-creatinine-ratio")!), a)] : [];

  const g = gfrCategory(egfr.value);
  const albuminuric = a !== null && a.category !== "A1";
  if ((g.category === "G1" || g.category === "G2") && !albuminuric) return [];

  const stage = a ? `${g.category}${a.category}` : g.category;
  const creatinine = panel.value("creatinine");
  const how = egfr.derived && egfr.formula ? ` (calculated: ${egfr.formula})` : creatinine !== undefined ? ` (creatinine ${resultText(panel.get("creatinine")!)})` : "";
  const acrText = a ? `; urine ACR ${resultText(panel.get("urine-albumin-creatinine-ratio")!)}, albuminuria ${a.category} (${a.label})` : "; no urine ACR in this panel, so the A category is unknown";
  // A raised BUN goes with a low eGFR; it is stated here rather than as a separate abnormality.
  const bunValue = panel.value("bun");
  const bun = egfr.value < 60 && bunValue !== undefined && panel.get("bun")!.flag === "High" ? bunValue : undefined;
  const bunText = bun !== undefined ? ` BUN ${resultText(panel.get("bun")!)}.` : "";
  // Albuminuria raises the stakes at any eGFR: A2 is at least moderate, A3 at least high (KDIGO heat map).
  const floor: Severity = a?.category === "A3" ? "high" : a?.category === "A2" ? "moderate" : "info";
  const severity = SEVERITIES.indexOf(floor) < SEVERITIES.indexOf(SEVERITY[g.category]) ? floor : SEVERITY[g.category];
  const tags = ["kidney", `gfr-${g.category.toLowerCase()}`];
  if (egfr.value < 60) tags.push("egfr-below-60");
  if (egfr.value < 30) tags.push("egfr-below-30");
  if (a) tags.push(`albuminuria-${a.category.toLowerCase()}`);
  else tags.push("acr-missing");
  if (a?.category === "A3") tags.push("albuminuria-severe");
  if (egfr.value < 30 || a?.category === "A3") tags.push("referral");
  if (egfr.value >= 20) tags.push("egfr-20-or-more");
  if (hasCondition(patient, "type2Diabetes")) tags.push("type-2-diabetes");

  const finding: Finding = {
    id: "kidney.ckd-category",
    severity,
    title: `eGFR ${fmt(egfr.value, 1)}: KDIGO ${stage}`,
    patientTitle: "How well your kidneys filter",
    analytes: ["egfr", ...(panel.get("creatinine") ? ["creatinine"] : []), ...(bun ? ["bun"] : []), ...(a ? ["urine-albumin-creatinine-ratio"] : [])],
    patient: [
      {
        text: `Your eGFR is ${fmt(egfr.value, 1)}. eGFR is an estimate of how well your kidneys clean your blood. ${
          egfr.value < 60
            ? `A number under 60 means your kidneys are filtering less than usual.${egfr.value < 30 ? " A number under 30 is a big drop." : ""}`
            : "That number is in the usual range, but your urine test shows more protein than usual."
        }`,
        sources: ["kdigo2024"],
      },
      {
        text: "One test is a snapshot. Doctors look at the same tests again after 3 months to see if the change lasts.",
        sources: ["kdigo2024"],
      },
    ],
    clinician: [
      {
        text: `eGFR ${fmt(egfr.value, 1)} mL/min/1.73 m²${how}: GFR category ${g.category} (${g.label})${acrText}. Consistent with CKD ${stage} if persistent > 3 months.${bunText}`,
        sources: egfr.derived ? ["kdigo2024", "ckdEpi2021"] : ["kdigo2024"],
      },
    ],
    ask: a ? "Should these kidney tests be repeated to see if the change lasts?" : "Should my urine be tested for protein, and should these kidney tests be repeated?",
    guidance: {
      query: [`chronic kidney disease ${stage} confirm`, a ? `albuminuria ${a.category}` : "ACR missing albuminuria staging", egfr.value < 30 ? "referral" : "", egfr.value < 60 ? "below 60" : ""].join(" "),
      tags,
    },
  };
  return [finding];
};

function albuminuriaOnly(acr: string, a: ReturnType<typeof albuminuriaCategory>): Finding {
  return {
    id: "kidney.albuminuria",
    severity: a.category === "A3" ? "high" : "moderate",
    title: `Urine ACR ${acr}: albuminuria ${a.category}`,
    patientTitle: "Protein in your urine",
    analytes: ["urine-albumin-creatinine-ratio"],
    patient: [
      {
        text: "Your urine test shows more of a protein called albumin than usual. Healthy kidneys keep most albumin in the blood.",
        sources: ["kdigo2024"],
      },
    ],
    clinician: [
      {
        text: `Urine ACR ${acr}: albuminuria ${a.category} (${a.label}). No eGFR in this panel to assign a G category; confirm persistence (2 of 3 samples over 3 months).`,
        sources: ["kdigo2024"],
      },
    ],
    ask: "Should my urine test be repeated, and should my blood be checked for kidney function (eGFR)?",
    guidance: { query: "albuminuria urine albumin creatinine ratio confirm repeat", tags: ["kidney", `albuminuria-${a.category.toLowerCase()}`, "egfr-missing", ...(a.category === "A3" ? ["albuminuria-severe", "referral"] : [])] },
  };
}
