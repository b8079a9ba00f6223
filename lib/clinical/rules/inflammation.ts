/**
 * Inflammation markers. hs-CRP is a cardiovascular risk marker read in the AHA/CDC 2003 bands (< 1 mg/L low,
 * 1–3 average, > 3 high relative risk); above 10 mg/L it no longer speaks to vascular risk and is repeated
 * with a search for infection or inflammation. Conventional CRP and ESR are nonspecific acute-phase markers and
 * are one finding: CRP above the range, marked above 10 mg/L; ESR against Miller's age- and sex-adjusted upper
 * limit (men age/2, women (age + 10)/2, BMJ 1983) when age and sex are known, otherwise against the lab's range.
 */
import { mostSevere, type Finding, type Severity, type Statement } from "../findings";
import type { Panel } from "../panel";
import type { PatientFacts } from "../patient";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";
import { place } from "./place";

const HS_LOW_BELOW = 1;
const HS_HIGH_ABOVE = 3;
const CRP_MARKED_ABOVE = 10;



/** Miller's upper limit of normal for the Westergren ESR, mm/h. */
export function millerEsrLimit(age: number, sex: "female" | "male"): number {
  return sex === "male" ? age / 2 : (age + 10) / 2;
}

export const inflammationRule: Rule = (panel, patient) => {
  const findings: Finding[] = [];
  const hs = panel.value("hs-crp");
  if (hs !== undefined) findings.push(hsCrp(hs, resultText(panel.get("hs-crp")!)));
  const acute = acutePhase(panel, patient);
  if (acute) findings.push(acute);
  return findings;
};

type HsBand = "hs-crp-low-risk" | "hs-crp-average-risk" | "hs-crp-high-risk" | "hs-crp-above-10";

export function hsCrpBand(value: number): HsBand {
  return value > CRP_MARKED_ABOVE ? "hs-crp-above-10" : value > HS_HIGH_ABOVE ? "hs-crp-high-risk" : value >= HS_LOW_BELOW ? "hs-crp-average-risk" : "hs-crp-low-risk";
}

function hsCrp(value: number, v: string): Finding {
  const band = hsCrpBand(value);
  const intro = `Your hs-CRP is ${v}. This test looks for low-level inflammation that is linked to heart risk.`;
  const byBand = {
    "hs-crp-low-risk": {
      severity: "info" as Severity,
      title: `hs-CRP ${v}: low relative cardiovascular risk (< 1)`,
      patientTitle: "Your heart-related inflammation marker is low",
      patient: `${intro} A result under 1 is in the lowest-risk group.`,
      clinician: `hs-CRP ${v} (< ${HS_LOW_BELOW}): low relative cardiovascular risk category.`,
    },
    "hs-crp-average-risk": {
      severity: "info" as Severity,
      title: `hs-CRP ${v}: average relative cardiovascular risk (1–3)`,
      patientTitle: "Your heart-related inflammation marker is in the middle range",
      patient: `${intro} A result from 1 to 3 is in the average-risk group.`,
      clinician: `hs-CRP ${v} (${HS_LOW_BELOW}–${HS_HIGH_ABOVE}): average relative cardiovascular risk category.`,
    },
    "hs-crp-high-risk": {
      severity: "borderline" as Severity,
      title: `hs-CRP ${v}: high relative cardiovascular risk (> 3)`,
      patientTitle: "Your heart-related inflammation marker is raised",
      patient: `${intro} A result above 3 is in the higher-risk group. It is one piece of your heart risk, read together with things like cholesterol and blood pressure.`,
      clinician: `hs-CRP ${v} (> ${HS_HIGH_ABOVE}): high relative cardiovascular risk category; an adjunct to global risk assessment, not a substitute for it.`,
    },
    "hs-crp-above-10": {
      severity: "moderate" as Severity,
      title: `hs-CRP ${v}: above 10, not interpretable for cardiovascular risk`,
      patientTitle: "Your inflammation marker is high",
      patient: `${intro} A result above 10 usually comes from an infection, an injury or other inflammation, not from the heart. The test is usually repeated once you are well.`,
      clinician: `hs-CRP ${v} (> ${CRP_MARKED_ABOVE}): not used for cardiovascular risk; repeat, and look for an infectious or inflammatory source.`,
    },
  }[band];

  const patient: Statement[] = [{ text: byBand.patient, sources: ["pearsonInflammationMarkers2003"] }];
  const clinician: Statement[] = [{ text: byBand.clinician, sources: ["pearsonInflammationMarkers2003"] }];
  if (band !== "hs-crp-above-10") {
    patient.push({ text: "One result can vary. Doctors often repeat it about two weeks later and use the average of the two.", sources: ["pearsonInflammationMarkers2003"] });
    clinician.push({ text: "Risk category from the average of two measurements, ideally 2 weeks apart, in a metabolically stable patient.", sources: ["pearsonInflammationMarkers2003"] });
  }
  return {
    id: "inflammation.hs-crp",
    severity: byBand.severity,
    title: byBand.title,
    patientTitle: byBand.patientTitle,
    analytes: ["hs-crp"],
    patient,
    clinician,
    ask: band === "hs-crp-above-10" ? "Could an infection or inflammation explain this, and when should the test be repeated?" : "How does my hs-CRP change my heart risk, and should it be repeated?",
    guidance: { query: `hs-CRP high sensitivity C-reactive protein cardiovascular risk ${band.replace(/-/g, " ")} repeat`, tags: ["inflammation", "hs-crp", band] },
  };
}

function acutePhase(panel: Panel, patient: PatientFacts): Finding | null {
  const crp = panel.get("crp");
  const esr = panel.get("esr");
  const crpHigh = place(crp) === "high" && crp?.value != null;
  const crpValue = crp?.value ?? 0;
  const crpMarked = crpHigh && crpValue > CRP_MARKED_ABOVE;

  const esrValue = esr?.value ?? null;
  const limit = patient.age !== undefined && patient.sex ? millerEsrLimit(patient.age, patient.sex) : null;
  const labHigh = place(esr) === "high";
  const esrHigh = esrValue !== null && (limit !== null ? esrValue > limit : labHigh);
  const esrWithinAge = esrValue !== null && !esrHigh && labHigh && limit !== null;
  if (!crpHigh && !esrHigh && !esrWithinAge) return null;

  const tags = ["inflammation"];
  let severity: Severity = "info";
  const patientText: Statement[] = [];
  const clinician: Statement[] = [];
  const titles: string[] = [];

  if (crpHigh) {
    tags.push("crp-high");
    const uln = crp?.reference?.high;
    if (crpMarked) {
      tags.push("crp-above-10");
      severity = mostSevere(severity, "moderate");
      titles.push(`CRP ${resultText(crp!)} (> ${CRP_MARKED_ABOVE})`);
      patientText.push({
        text: `Your CRP is ${resultText(crp!)}. CRP is a protein the liver makes more of when there is inflammation. A level above 10 often means an infection or other active inflammation somewhere in the body. It does not show where or why.`,
        sources: ["pearsonInflammationMarkers2003"],
      });
      clinician.push({
        text: `CRP ${resultText(crp!)} (> ${CRP_MARKED_ABOVE} mg/L): marked, nonspecific acute-phase response, suggesting active infection or inflammation; interpret with the clinical picture.`,
        sources: ["pearsonInflammationMarkers2003"],
      });
    } else {
      severity = mostSevere(severity, "borderline");
      titles.push(`CRP ${resultText(crp!)} (mildly raised)`);
      patientText.push({
        text: `Your CRP is ${resultText(crp!)}, a little above the usual range. CRP rises with inflammation. Small rises can come from many things, such as a cold or a minor injury.`,
        sources: ["melbyeCrpAirwayInfection2012", "pearsonInflammationMarkers2003"],
      });
      clinician.push({
        text: `CRP ${resultText(crp!)}: above the reference range${uln !== undefined ? ` (≤ ${fmt(uln)})` : ""} but ≤ ${CRP_MARKED_ABOVE} mg/L; nonspecific (minor rises accompany, among much else, a recent airway infection).`,
        sources: ["pearsonInflammationMarkers2003", "melbyeCrpAirwayInfection2012"],
      });
    }
  }

  if (esrHigh && esrValue !== null) {
    tags.push("esr-high");
    severity = mostSevere(severity, "borderline");
    titles.push(`ESR ${fmt(esrValue, 0)} mm/h`);
    patientText.push({
      text: `Your sed rate (ESR) is ${fmt(esrValue, 0)} mm/h. It rises with inflammation. It also rises with age, and ${limit !== null ? "yours is above the usual limit for your age and sex" : "your lab marked it high"}.`,
      sources: limit !== null ? ["millerEsr1983"] : ["abimReferenceRanges"],
    });
    clinician.push(
      limit !== null
        ? {
            text: `ESR ${fmt(esrValue, 0)} mm/h > age/sex-adjusted ULN ${fmt(limit)} mm/h (Miller: ${patient.sex === "male" ? `age/2 = ${fmt(patient.age ?? 0, 0)}/2` : `(age + 10)/2 = (${fmt(patient.age ?? 0, 0)} + 10)/2`}): raised.`,
            sources: ["millerEsr1983"],
          }
        : { text: `ESR ${fmt(esrValue, 0)} mm/h above the lab's reference range (age or sex unknown, so Miller's age-adjusted limit was not applied).`, sources: ["abimReferenceRanges", "millerEsr1983"] },
    );
  }
  if (esrWithinAge && esrValue !== null && limit !== null) {
    tags.push("esr-within-age-limit");
    titles.push(`ESR ${fmt(esrValue, 0)} mm/h within the age-adjusted limit`);
    patientText.push({
      text: `Your sed rate (ESR) is ${fmt(esrValue, 0)} mm/h. Your lab marked it high, but it is within the usual limit for your age and sex. ESR goes up slowly with age.`,
      sources: ["millerEsr1983"],
    });
    clinician.push({
      text: `ESR ${fmt(esrValue, 0)} mm/h, high against the lab's range but ≤ the age/sex-adjusted ULN ${fmt(limit)} mm/h (Miller): within the expected range for age.`,
      sources: ["millerEsr1983"],
    });
  }
  patientText.push({ text: "These tests show that inflammation may be present, not its cause. Your clinician will read them with how you feel.", sources: ["pearsonInflammationMarkers2003"] });

  const onlyAgeNote = !crpHigh && !esrHigh;
  return {
    id: "inflammation.acute-phase",
    severity,
    title: `${titles.join(", ")}${onlyAgeNote ? "" : ": nonspecific inflammation markers raised"}`,
    patientTitle: onlyAgeNote ? "Your sed rate is normal for your age" : "Your inflammation markers are raised",
    analytes: [...(crpHigh ? ["crp"] : []), ...(esrValue !== null && (esrHigh || esrWithinAge) ? ["esr"] : [])],
    patient: patientText,
    clinician,
    ask: onlyAgeNote ? "Is my sed rate result normal for my age?" : "What could be causing the inflammation, and do I need more tests?",
    guidance: { query: `C-reactive protein ESR raised inflammation infection nonspecific ${crpMarked ? "above 10" : ""} age adjusted`, tags },
  };
}
