/**
 * Vitamin D, B12 and folate. Vitamin D (25(OH)D, ng/mL) is read against the thresholds as each source states
 * them, because they disagree: the IOM 2011 report puts people below 12 ng/mL at risk of deficiency and finds
 * 20 ng/mL enough for nearly everyone; the Endocrine Society 2011 guideline (Holick) calls < 20 ng/mL
 * deficiency and 21–29 ng/mL insufficiency; its 2024 guideline (Demay) endorses no threshold and suggests
 * against routine testing. B12 below the lab's range is low, and from there to 300 pg/mL borderline, where
 * methylmalonic acid helps (NICE NG239 2024; DPPOS called ≤ 298 pg/mL borderline-low). Folate below the lab's range
 * is low. B12 and folate are one finding, read together.
 *
 * Metformin (ADA Standards of Care: periodic B12 measurement, especially with anaemia or neuropathy): the note
 * joins a low or borderline B12. When B12 was not measured, a separate info finding suggests it, but only on a
 * panel with a blood count, where anaemia or large red cells can be seen: on every other panel it would repeat
 * on each upload without adding anything. A normal B12 on metformin is itself the periodic check, so nothing
 * is said.
 */
import { mostSevere, type Finding, type Severity, type Statement } from "../findings";
import type { Panel, PanelValue } from "../panel";
import { takes, type PatientFacts } from "../patient";
import type { SourceId } from "../sources";
import { fmt, resultText, wasConverted } from "./format";
import type { Rule } from "./types";
import { place } from "./place";

/** ng/mL */
const D_AT_RISK = 12;
const D_DEFICIENT = 20;
const D_SUFFICIENT = 30;
/** pg/mL: from the lab's lower limit up to here, B12 is borderline. */
const B12_BORDERLINE_BELOW = 300;
/** 25(OH)D: 1 ng/mL = 2.496 nmol/L. */
const NMOL_PER_NG = 2.496;



export const vitaminsRule: Rule = (panel, patient) => {
  const findings: Finding[] = [];
  const d = panel.value("vitamin-d-25-oh");
  if (d !== undefined && d < D_SUFFICIENT) findings.push(vitaminD(d, panel.get("vitamin-d-25-oh")!));
  const b = bVitamins(panel, patient);
  if (b) findings.push(b);
  else if (takes(patient, "metformin") && panel.value("vitamin-b12") === undefined && (panel.has("hemoglobin") || panel.has("mcv"))) {
    findings.push(metforminCheck(panel));
  }
  return findings;
};

function vitaminD(d: number, measured: PanelValue): Finding {
  const band = d < D_AT_RISK ? "vitamin-d-below-12" : d < D_DEFICIENT ? "vitamin-d-12-to-19" : "vitamin-d-20-to-29";
  const tags = ["vitamins", "vitamin-d-low", band];
  if (d < D_DEFICIENT) tags.push("vitamin-d-below-20");
  const v = wasConverted(measured) ? `25(OH)D ${resultText(measured)}` : `25(OH)D ${fmt(d)} ng/mL (${fmt(d * NMOL_PER_NG, 0)} nmol/L)`;
  const value = resultText(measured);

  const byBand = {
    "vitamin-d-below-12": {
      severity: "moderate" as Severity,
      title: `${v}: below 12 ng/mL, at risk of deficiency`,
      patient: `Your vitamin D is ${value}. That is very low. Below 12, the body may not have enough vitamin D to keep bones healthy.`,
      patientSources: ["iomVitaminD2011"] as SourceId[],
      clinician: `${v}: < ${D_AT_RISK} ng/mL (30 nmol/L), at risk of deficiency (IOM 2011); deficiency by the Endocrine Society 2011 definition (< ${D_DEFICIENT} ng/mL).`,
    },
    "vitamin-d-12-to-19": {
      severity: "moderate" as Severity,
      title: `${v}: below 20 ng/mL`,
      patient: `Your vitamin D is ${value}. That is low. Many experts see 20 as enough for bone health in most people.`,
      patientSources: ["iomVitaminD2011"] as SourceId[],
      clinician: `${v}: deficiency by the Endocrine Society 2011 definition (< ${D_DEFICIENT} ng/mL); IOM 2011: 12–20 ng/mL may be inadequate for some, and 20 ng/mL meets the needs of about 97.5% of people.`,
    },
    "vitamin-d-20-to-29": {
      severity: "borderline" as Severity,
      title: `${v}: 20–29 ng/mL, insufficient by Endocrine Society 2011, sufficient by IOM 2011`,
      patient: `Your vitamin D is ${value}. Experts disagree about this range. One group calls it a little low. Another says it is enough for most people.`,
      patientSources: ["holickVitaminD2011", "iomVitaminD2011"] as SourceId[],
      clinician: `${v}: insufficiency by the Endocrine Society 2011 definition (21–29 ng/mL; target ≥ ${D_SUFFICIENT}); sufficient by IOM 2011 (≥ ${D_DEFICIENT} ng/mL).`,
    },
  }[band];

  return {
    id: "vitamins.vitamin-d",
    severity: byBand.severity,
    title: byBand.title,
    patientTitle: "Your vitamin D is lower than many experts advise",
    analytes: ["vitamin-d-25-oh"],
    patient: [
      { text: byBand.patient, sources: byBand.patientSources },
      { text: "Vitamin D helps your body use calcium to keep your bones strong. You get it from sunlight, some foods and supplements.", sources: ["holickVitaminD2011"] },
    ],
    clinician: [
      { text: byBand.clinician, sources: ["holickVitaminD2011", "iomVitaminD2011"] },
      {
        text: "Endocrine Society 2024 (Demay) no longer endorses 25(OH)D thresholds for sufficiency and suggests against routine 25(OH)D testing in people without an established indication.",
        sources: ["demayVitaminD2024"],
      },
    ],
    ask: "Should I take vitamin D, and if so how much and for how long?",
    guidance: { query: `vitamin D 25-hydroxyvitamin D ${d < D_DEFICIENT ? "deficiency below 20 treatment" : "insufficiency 20 to 29"} supplementation testing`, tags },
  };
}

function bVitamins(panel: Panel, patient: PatientFacts): Finding | null {
  const b12 = panel.get("vitamin-b12");
  const folate = panel.get("folate");
  const b12Value = b12?.value ?? undefined;
  const b12State = b12Value === undefined ? null : place(b12) === "low" ? "b12-low" : b12Value < B12_BORDERLINE_BELOW ? "b12-borderline" : null;
  const folateLow = place(folate) === "low";
  if (!b12State && !folateLow) return null;

  const metformin = takes(patient, "metformin");
  const tags = ["vitamins", ...(b12State ? [b12State] : []), ...(folateLow ? ["folate-low"] : []), ...(metformin ? ["metformin"] : [])];
  let severity: Severity = "info";
  const patientText: Statement[] = [];
  const clinician: Statement[] = [];
  const titles: string[] = [];
  const b12Low = b12?.reference?.low;

  if (b12State === "b12-low" && b12Value !== undefined) {
    severity = mostSevere(severity, "moderate");
    titles.push(`B12 ${resultText(b12!, 0)}: low`);
    patientText.push({
      text: `Your vitamin B12 is ${resultText(b12!, 0)}. That is lower than usual. Vitamin B12 helps make red blood cells and keeps nerves healthy.`,
      sources: ["stablerB12Deficiency2013"],
    });
    clinician.push({
      text: `B12 ${resultText(b12!, 0)}, below the reference range${b12Low !== undefined ? ` (< ${fmt(b12Low, 0)})` : ""}: low; look for the cause (diet, malabsorption, pernicious anaemia, drugs) and check a blood count.`,
      sources: ["stablerB12Deficiency2013", "niceB12_2024"],
    });
  }
  if (b12State === "b12-borderline" && b12Value !== undefined) {
    severity = mostSevere(severity, "borderline");
    titles.push(`B12 ${resultText(b12!, 0)}: borderline (${b12Low !== undefined ? fmt(b12Low, 0) : "lower limit"}–${B12_BORDERLINE_BELOW - 1})`);
    patientText.push({
      text: `Your vitamin B12 is ${resultText(b12!, 0)}. That is at the low end of normal. In this range, another blood test called MMA can show whether your body is really short of B12.`,
      sources: ["niceB12_2024"],
    });
    clinician.push({
      text: `B12 ${resultText(b12!, 0)}: within the range but < ${B12_BORDERLINE_BELOW} pg/mL, borderline-low (DPPOS: > 203 and ≤ 298 pg/mL). Serum B12 alone is unreliable here; methylmalonic acid (± homocysteine) helps confirm deficiency, especially with symptoms.`,
      sources: ["niceB12_2024", "arodaMetforminB12_2016"],
    });
  }
  if (folateLow && folate?.value != null) {
    severity = mostSevere(severity, "moderate");
    titles.push(`folate ${resultText(folate)}: low`);
    patientText.push({
      text: `Your folate, a B vitamin, is ${resultText(folate)}. That is lower than usual. Folate helps your body make new cells, including red blood cells.`,
      sources: ["stablerB12Deficiency2013"],
    });
    clinician.push({
      text: `Folate ${resultText(folate)}, below the reference range: low.${b12State ? " B12 is also low or borderline: treat B12 deficiency before or with folic acid, never folic acid alone." : " Check B12 before giving folic acid alone."}`,
      sources: ["stablerB12Deficiency2013"],
    });
  }
  if (metformin) {
    patientText.push({
      text: "You take metformin. Over years, metformin can lower vitamin B12. Diabetes experts advise checking B12 from time to time in people who take it.",
      sources: ["adaPharmacologic2025", "arodaMetforminB12_2016"],
    });
    clinician.push({
      text: "On metformin: long-term use is associated with biochemical B12 deficiency (DPPOS: OR 1.13 per year of use); ADA advises periodic B12 measurement, especially with anaemia or peripheral neuropathy.",
      sources: ["adaPharmacologic2025", "arodaMetforminB12_2016"],
    });
  }

  return {
    id: "vitamins.b12-folate",
    severity,
    title: titles.join("; ").replace(/^./, (c) => c.toUpperCase()),
    patientTitle: b12State && folateLow ? "Your B12 and folate are low" : b12State ? "Your vitamin B12 is on the low side" : "Your folate is low",
    analytes: [...(b12State ? ["vitamin-b12"] : []), ...(folateLow ? ["folate"] : [])],
    patient: patientText,
    clinician,
    ask: b12State === "b12-borderline" && !folateLow ? "Should I have an MMA test to check my B12 more closely?" : "What could be causing this, and should I take a supplement?",
    guidance: { query: `vitamin B12 ${b12State === "b12-borderline" ? "borderline methylmalonic acid" : b12State ? "deficiency cause" : ""} ${folateLow ? "folate deficiency" : ""} ${metformin ? "metformin monitoring" : ""}`, tags },
  };
}

function metforminCheck(panel: Panel): Finding {
  const anaemic = place(panel.get("hemoglobin")) === "low";
  const mcv = panel.value("mcv");
  const large = mcv !== undefined && mcv > 100;
  const context = [anaemic ? "haemoglobin below range" : null, large ? `MCV ${fmt(mcv, 0)} fL` : null].filter(Boolean).join(", ");
  return {
    id: "vitamins.b12-metformin",
    severity: anaemic || large ? "borderline" : "info",
    title: `On metformin, B12 not measured${context ? ` (${context})` : ""}`,
    patientTitle: "A vitamin B12 test may be due",
    analytes: ["hemoglobin", "mcv"].filter((code) => panel.value(code) !== undefined),
    patient: [
      {
        text: `You take metformin. Over years, metformin can lower vitamin B12. This test did not check B12. Diabetes experts advise checking it from time to time${anaemic ? ", especially when hemoglobin is low, as yours is" : ""}.`,
        sources: ["adaPharmacologic2025", "arodaMetforminB12_2016"],
      },
    ],
    clinician: [
      {
        text: `On metformin, no B12 in this panel${context ? `; ${context}` : ""}: ADA advises periodic B12 measurement in metformin-treated patients, especially with anaemia or peripheral neuropathy.`,
        sources: ["adaPharmacologic2025", "arodaMetforminB12_2016"],
      },
    ],
    ask: "Is it time to check my vitamin B12, since I take metformin?",
    guidance: { query: "metformin vitamin B12 periodic measurement monitoring anaemia neuropathy", tags: ["vitamins", "metformin", "b12-missing"] },
  };
}
