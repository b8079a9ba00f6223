/**
 * Electrolytes read with what changes their meaning (critical values are the critical rule's):
 * - total calcium outside its range while albumin is low is read through the albumin-adjusted calcium
 *   (Payne 1973), because about half of serum calcium is bound to albumin;
 * - potassium above its range in a patient taking an ACE inhibitor, ARB or mineralocorticoid antagonist, or
 *   with a low eGFR, is the hyperkalaemia KDIGO 2024 asks clinicians to manage rather than ignore, and
 *   it advises potassium-lowering measures before stopping a RAS inhibitor.
 */
import type { Finding } from "../findings";
import { uncataloguedCode } from "../panel";
import { takes } from "../patient";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";

export const electrolytesRule: Rule = (panel, patient) => {
  const findings: Finding[] = [];

  const calcium = panel.get("calcium");
  const adjusted = panel.get(uncataloguedCode("derived", "calcium-adjusted-for-albumin"));
  const albumin = panel.value("albumin");
  if (calcium?.value != null && adjusted?.value != null && albumin !== undefined && calcium.flag && calcium.flag !== "Normal" && calcium.flag !== "Critical") {
    const low = calcium.reference?.low;
    const high = calcium.reference?.high;
    const adjustedFlag = low !== undefined && adjusted.value < low ? "low" : high !== undefined && adjusted.value > high ? "high" : "within range";
    findings.push({
      id: "electrolytes.adjusted-calcium",
      severity: adjustedFlag === "within range" ? "info" : "moderate",
      title: `Calcium ${resultText(calcium)} with albumin ${resultText(panel.get("albumin")!)}: adjusted calcium ${fmt(adjusted.value, 1)} mg/dL (${adjustedFlag})`,
      patientTitle: "Calcium",
      analytes: ["calcium", "albumin", adjusted.code],
      patient: [
        {
          text: `Your calcium is ${resultText(calcium)}. Much of the calcium in blood is carried by a protein called albumin, and your albumin is low. Adjusted for that, your calcium is ${fmt(adjusted.value, 1)} mg/dL, which is ${adjustedFlag === "within range" ? "in the usual range" : `${adjustedFlag === "low" ? "below" : "above"} the usual range`}.`,
          sources: ["payneCalcium1973"],
        },
      ],
      clinician: [
        {
          text: `Total calcium ${resultText(calcium)} (${calcium.flag}) with albumin ${resultText(panel.get("albumin")!)}; albumin-adjusted calcium ${fmt(adjusted.value, 1)} mg/dL (${adjustedFlag}). Ionised calcium is definitive where the adjustment is unreliable.`,
          sources: ["payneCalcium1973"],
        },
      ],
      ask: "Is my calcium really low or high once my albumin is taken into account?",
      guidance: { query: "calcium albumin adjusted ionised", tags: ["electrolytes", "calcium"] },
    });
  }

  const potassium = panel.get("potassium");
  const egfr = panel.value("egfr");
  const onRasi = takes(patient, "raasBlocker");
  if (potassium?.value != null && potassium.flag === "High" && (onRasi || (egfr !== undefined && egfr < 60))) {
    const why = [onRasi ? "ACE inhibitor/ARB/MRA use" : "", egfr !== undefined && egfr < 60 ? `eGFR ${fmt(egfr, 0)}` : ""].filter(Boolean).join(" and ");
    findings.push({
      id: "electrolytes.hyperkalaemia-context",
      severity: "moderate",
      title: `Potassium ${resultText(potassium)} with ${why}`,
      patientTitle: "Potassium",
      analytes: ["potassium"],
      patient: [
        {
          text: `Your potassium is ${resultText(potassium)}, a bit above the usual range. ${onRasi ? "Some blood pressure and heart medicines can raise potassium, especially when the kidneys filter less." : "Potassium can build up when the kidneys filter less."} Do not stop any medicine on your own.`,
          sources: ["kdigo2024"],
        },
      ],
      clinician: [
        {
          text: onRasi
            ? `Potassium ${resultText(potassium)} above range with ${why}. KDIGO advises managing hyperkalaemia with potassium-lowering measures (diet review, diuretics, binders) rather than stopping RAS inhibition where possible.`
            : `Potassium ${resultText(potassium)} above range with ${why}: reduced kidney excretion is a likely contributor; review potassium-raising medicines and dietary potassium.`,
          sources: ["kdigo2024"],
        },
      ],
      ask: "Could any of my medicines be raising my potassium, and should it be checked again?",
      guidance: { query: "hyperkalaemia potassium RAS inhibitor CKD monitoring", tags: ["electrolytes", "potassium"] },
    });
  }
  return findings;
};
