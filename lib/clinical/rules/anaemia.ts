/**
 * Anaemia by the WHO 2024 haemoglobin cut-offs (non-pregnant people aged 15 and over: women < 12.0 g/dL,
 * men < 13.0 g/dL; pregnancy < 11.0 g/dL, < 10.5 g/dL in the second trimester) and the WHO severity bands,
 * which the 2024 guideline kept. One finding groups haemoglobin, red cell size (MCV) and iron studies, because
 * they are read together: ferritin < 45 ng/mL in anaemia is the AGA 2020 cut-off for iron deficiency; a
 * ferritin that is not low with a low transferrin saturation is the iron-restricted pattern of anaemia of
 * inflammation (Weiss 2019); large red cells send the reader to B12 and folate (Stabler, NEJM 2013). Low iron stores
 * with a normal haemoglobin are their own finding (WHO 2020 ferritin < 15 ng/mL, or below the lab's range).
 *
 * Without the patient's sex the cut-off is unknown between 12.0 and 13.0 g/dL: the rule then relies on the
 * lab's flag, and below 12.0 g/dL (under both cut-offs) on WHO. Under 15 years the adult cut-offs do not apply
 * and only the lab's flag is used.
 */
import type { Finding, Severity, Statement } from "../findings";
import type { Panel, PanelValue } from "../panel";
import { hasCondition, type PatientFacts } from "../patient";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";
import { place } from "./place";

/** WHO 2024 cut-offs, g/dL. */
const CUTOFF = { female: 12.0, male: 13.0, pregnancy: 11.0, pregnancySecondTrimester: 10.5 } as const;
/** MCV bounds, fL: below is small (microcytic), above is large (macrocytic). */
const MCV_SMALL_BELOW = 80;
const MCV_LARGE_ABOVE = 100;
/** AGA 2020: in anaemia, ferritin < 45 ng/mL diagnoses iron deficiency. */
const AGA_FERRITIN = 45;
/** WHO 2020: ferritin < 15 ng/mL (µg/L) is iron deficiency in apparently healthy adults. */
const WHO_FERRITIN = 15;

type Band = "mild" | "moderate" | "severe";
type Size = "microcytic" | "normocytic" | "macrocytic";
type Iron = "iron-deficiency-pattern" | "inflammation-pattern" | "iron-not-low" | "ferritin-missing";

const SEVERITY: Record<Band, Severity> = { mild: "moderate", moderate: "high", severe: "high" };


/** WHO bands: mild from the cut-off down to 11.0 g/dL (10.0 in pregnancy), moderate to 8.0 (7.0), severe below. */
function bandOf(hb: number, pregnant: boolean): Band {
  if (pregnant) return hb < 7 ? "severe" : hb < 10 ? "moderate" : "mild";
  return hb < 8 ? "severe" : hb < 11 ? "moderate" : "mild";
}

function bandRange(band: Band, pregnant: boolean, cutoff: number | null): string {
  if (pregnant) return { mild: "10.0–10.9", moderate: "7.0–9.9", severe: "< 7.0" }[band];
  const mildTop = cutoff === CUTOFF.male ? "12.9" : cutoff === CUTOFF.female ? "11.9" : "11.0 to the cut-off";
  return { mild: `11.0–${mildTop}`, moderate: "8.0–10.9", severe: "< 8.0" }[band];
}

interface Assessment {
  /** The cut-off applied, or null when only the lab's flag could be used. */
  cutoff: number | null;
  band: Band | null;
  basis: string;
  tags: string[];
}

/** Whether the haemoglobin is anaemic and by which rule; null when it is not. */
function assess(hb: number, value: PanelValue, patient: PatientFacts): Assessment | null {
  const pregnant = patient.sex !== "male" && hasCondition(patient, "pregnancy");
  if (pregnant) {
    if (hb >= CUTOFF.pregnancy) return null;
    const secondTrimester = hb >= CUTOFF.pregnancySecondTrimester ? "; in the 2nd trimester the cut-off is 10.5 g/dL, so this value is anaemic only in the 1st or 3rd" : "";
    return {
      cutoff: CUTOFF.pregnancy,
      band: bandOf(hb, true),
      basis: `pregnancy: below the WHO 2024 cut-off of 11.0 g/dL (1st and 3rd trimesters)${secondTrimester}`,
      tags: ["pregnancy"],
    };
  }
  if (patient.age !== undefined && patient.age < 15) {
    return place(value) === "low"
      ? { cutoff: null, band: null, basis: "age under 15: WHO adult cut-offs do not apply; below the lab's range", tags: ["age-under-15"] }
      : null;
  }
  if (patient.sex) {
    const cutoff = CUTOFF[patient.sex];
    if (hb >= cutoff) return null;
    return { cutoff, band: bandOf(hb, false), basis: `${patient.sex}, non-pregnant, ≥ 15 y: below the WHO 2024 cut-off of ${cutoff.toFixed(1)} g/dL`, tags: [] };
  }
  // Sex unknown: below 12.0 g/dL is under both WHO cut-offs; between 12.0 and 13.0 only the lab can say.
  if (hb < CUTOFF.female) {
    return { cutoff: CUTOFF.female, band: bandOf(hb, false), basis: "sex not stated: below both WHO 2024 cut-offs (12.0 g/dL women, 13.0 g/dL men)", tags: ["sex-unknown"] };
  }
  if (place(value) === "low") {
    return { cutoff: null, band: "mild", basis: "sex not stated: WHO 2024 cut-off is 12.0 g/dL (women) or 13.0 g/dL (men); the lab flags it low", tags: ["sex-unknown"] };
  }
  return null;
}

function sizeOf(mcv: number): Size {
  return mcv < MCV_SMALL_BELOW ? "microcytic" : mcv > MCV_LARGE_ABOVE ? "macrocytic" : "normocytic";
}

function ironOf(panel: Panel): Iron {
  const ferritin = panel.value("ferritin");
  if (ferritin === undefined) return "ferritin-missing";
  if (ferritin < AGA_FERRITIN) return "iron-deficiency-pattern";
  return place(panel.get("transferrin-saturation")) === "low" ? "inflammation-pattern" : "iron-not-low";
}

export const anaemiaRule: Rule = (panel, patient) => {
  const hbValue = panel.get("hemoglobin");
  const hb = hbValue?.value ?? undefined;
  const anaemia = hbValue && hb !== undefined ? assess(hb, hbValue, patient) : null;
  if (anaemia && hb !== undefined) return [anaemiaFinding(panel, patient, hb, anaemia)];
  const stores = lowIronStores(panel, hb);
  return stores ? [stores] : [];
};

function anaemiaFinding(panel: Panel, patient: PatientFacts, hb: number, a: Assessment): Finding {
  const mcv = panel.value("mcv");
  const size = mcv !== undefined ? sizeOf(mcv) : null;
  const iron = ironOf(panel);
  const ferritin = panel.get("ferritin");
  const ferritinText = ferritin?.value != null ? resultText(ferritin) : "";
  const tsat = panel.get("transferrin-saturation");
  const b12 = panel.value("vitamin-b12");
  const folate = panel.value("folate");
  const pregnant = a.tags.includes("pregnancy");

  const tags = ["anaemia", "low-haemoglobin", a.band ? `anaemia-${a.band}` : "anaemia-lab-flag", ...a.tags, size ?? "mcv-missing", iron];
  if (size === "macrocytic" && (b12 === undefined || folate === undefined)) tags.push("b12-folate-missing");
  // AGA 2020 recommends differently by menopausal status; age 50 stands in for it unless the context says so.
  const postmenopausal = patient.conditions?.some((c) => /post-?menopaus/.test(c));
  if (patient.sex === "male" || (patient.sex === "female" && (postmenopausal || (patient.age !== undefined && patient.age >= 50)))) tags.push("male-or-postmenopausal");
  else if (patient.sex === "female" && patient.age !== undefined && patient.age < 50 && !pregnant) tags.push("premenopausal");

  const patientText: Statement[] = [{ text: patientHaemoglobin(hb, resultText(panel.get("hemoglobin")!), a, patient), sources: ["who2024Haemoglobin"] }];
  if (size === "microcytic") patientText.push({ text: "Your red blood cells are also smaller than usual. This can happen when the body is low on iron.", sources: ["abimReferenceRanges"] });
  if (size === "macrocytic") {
    patientText.push({ text: "Your red blood cells are also larger than usual. This can happen when the body is low on vitamin B12 or folate, two B vitamins.", sources: ["stablerB12Deficiency2013"] });
  }
  patientText.push(patientIron(iron, ferritinText));
  patientText.push({ text: "Low hemoglobin has many possible causes. Your clinician can find out which one fits you.", sources: ["who2024Haemoglobin"] });

  const clinician: Statement[] = [
    {
      text: `Hb ${resultText(panel.get("hemoglobin")!)} (${a.basis})${a.band ? `; ${a.band} anaemia by WHO band (${bandRange(a.band, pregnant, a.cutoff)} g/dL)` : ""}.`,
      sources: ["who2024Haemoglobin"],
    },
  ];
  if (mcv !== undefined && size) {
    clinician.push(
      size === "macrocytic"
        ? {
            text: `MCV ${fmt(mcv, 0)} fL (> ${MCV_LARGE_ABOVE}): macrocytic. ${
              b12 !== undefined && folate !== undefined
                ? `B12 ${fmt(b12, 0)} pg/mL, folate ${fmt(folate)} ng/mL in this panel.`
                : "Measure serum B12 and folate."
            }`,
            sources: ["stablerB12Deficiency2013"],
          }
        : { text: `MCV ${fmt(mcv, 0)} fL (${size === "microcytic" ? `< ${MCV_SMALL_BELOW}` : `${MCV_SMALL_BELOW}–${MCV_LARGE_ABOVE}`}): ${size}.`, sources: ["abimReferenceRanges"] },
    );
  } else {
    clinician.push({ text: "No MCV in this panel: red cell indices would classify the anaemia.", sources: ["abimReferenceRanges"] });
  }
  clinician.push(clinicianIron(iron, ferritinText, tsat, place(panel.get("crp")) === "high" || place(panel.get("hs-crp")) === "high"));

  const sizeWord = size === "microcytic" ? "microcytic" : size === "macrocytic" ? "macrocytic" : size === "normocytic" ? "normocytic" : "";
  const title = `Hb ${resultText(panel.get("hemoglobin")!)}: ${a.band ? `${a.band} ` : ""}${sizeWord ? `${sizeWord} ` : ""}anaemia${iron === "iron-deficiency-pattern" ? ", iron deficiency pattern" : iron === "inflammation-pattern" ? ", pattern of anaemia of inflammation" : ""}`;

  return {
    id: "anaemia.low-haemoglobin",
    severity: a.band ? SEVERITY[a.band] : "moderate",
    title,
    patientTitle: "Your hemoglobin is lower than usual",
    analytes: [
      "hemoglobin",
      ...(mcv !== undefined ? ["mcv"] : []),
      ...(ferritin?.value != null ? ["ferritin"] : []),
      ...(tsat?.value != null ? ["transferrin-saturation"] : []),
      // The rest of the iron studies belong to the same question.
      ...["iron", "tibc"].filter((code) => panel.get(code)),
    ],
    patient: patientText,
    clinician,
    ask:
      iron === "iron-deficiency-pattern"
        ? "What could be causing my low iron, and should I be checked for blood loss?"
        : "What could be causing my low hemoglobin, and which tests would help find out?",
    guidance: { query: `anaemia haemoglobin ${a.band ?? ""} ${sizeWord} ${iron.replace(/-/g, " ")} ferritin iron deficiency evaluation`, tags },
  };
}

function patientHaemoglobin(hb: number, shown: string, a: Assessment, patient: PatientFacts): string {
  const start = `Your hemoglobin is ${shown}. Hemoglobin carries oxygen in your blood.`;
  const how = a.band === "mild" ? "a little below" : "well below";
  if (a.tags.includes("pregnancy")) {
    return `${start} During pregnancy, doctors use 11.0 as the lowest usual level (10.5 in the middle months). Yours is ${hb < CUTOFF.pregnancySecondTrimester ? "below that" : "just under 11.0"}.`;
  }
  if (a.tags.includes("age-under-15")) return `${start} Your lab marked it as lower than usual for your age.`;
  if (a.tags.includes("sex-unknown")) {
    return a.cutoff === null
      ? `${start} The lowest usual level is 12.0 for women and 13.0 for men, and we do not know which applies to you. Your lab marked it as low.`
      : `${start} The lowest usual level is 12.0 for women and 13.0 for men. Yours is below both.`;
  }
  const who = patient.sex === "male" ? "men" : "women";
  return `${start} For ${who}, doctors use ${(a.cutoff ?? 0).toFixed(1)} as the lowest usual level. Yours is ${how} that.`;
}

function patientIron(iron: Iron, ferritin: string): Statement {
  switch (iron) {
    case "iron-deficiency-pattern":
      return {
        text: `Your ferritin, a measure of stored iron, is ${ferritin}. That is low. This pattern often happens when the body does not have enough iron.`,
        sources: ["agaIronDeficiency2020"],
      };
    case "inflammation-pattern":
      return {
        text: "Your ferritin, a measure of stored iron, is not low, but your iron saturation is low. This pattern can happen when swelling or irritation in the body, called inflammation, keeps iron locked away.",
        sources: ["weissAnemiaInflammation2019"],
      };
    case "iron-not-low":
      return { text: "Your ferritin, a measure of stored iron, is not low. So low iron is a less likely cause.", sources: ["agaIronDeficiency2020"] };
    case "ferritin-missing":
      return { text: "A ferritin test, which measures stored iron, can help find the cause.", sources: ["agaIronDeficiency2020"] };
  }
}

function clinicianIron(iron: Iron, ferritin: string, tsat: PanelValue | undefined, inflamed: boolean): Statement {
  const tsatText = tsat?.value != null ? `TSAT ${fmt(tsat.value, 0)}%` : "TSAT not measured";
  switch (iron) {
    case "iron-deficiency-pattern":
      return { text: `Ferritin ${ferritin} (< ${AGA_FERRITIN} ng/mL, AGA cut-off in anaemia): iron deficiency pattern; ${tsatText}.`, sources: ["agaIronDeficiency2020"] };
    case "inflammation-pattern":
      return {
        text: `Ferritin ${ferritin} (≥ ${AGA_FERRITIN}) with ${tsatText} (low): iron-restricted pattern consistent with anaemia of inflammation; ferritin is an acute-phase reactant, so coexisting iron deficiency is not excluded.`,
        sources: ["weissAnemiaInflammation2019", "agaIronDeficiency2020"],
      };
    case "iron-not-low":
      return {
        text: `Ferritin ${ferritin} (≥ ${AGA_FERRITIN}), ${tsatText}: iron deficiency less likely.${inflamed ? " CRP is raised, and inflammation raises ferritin: TSAT and CRP alongside ferritin help judge iron stores." : ""}`,
        sources: ["agaIronDeficiency2020"],
      };
    case "ferritin-missing":
      return { text: `No ferritin in this panel: measure ferritin (AGA: < ${AGA_FERRITIN} ng/mL diagnoses iron deficiency in anaemia).`, sources: ["agaIronDeficiency2020"] };
  }
}

/**
 * Low iron stores with haemoglobin that is not anaemic (or not measured): WHO 2020 calls ferritin < 15 ng/mL
 * iron deficiency in apparently healthy adults; a ferritin under the lab's range but not under 15 is reported
 * as borderline.
 */
function lowIronStores(panel: Panel, hb: number | undefined): Finding | null {
  const value = panel.get("ferritin");
  const ferritin = value?.value ?? undefined;
  if (ferritin === undefined) return null;
  const belowWho = ferritin < WHO_FERRITIN;
  if (!belowWho && place(value) !== "low") return null;
  const labLow = value?.reference?.low;
  const tags = ["anaemia", "iron-deficiency-without-anaemia", belowWho ? "ferritin-below-15" : "ferritin-below-range"];
  if (hb === undefined) tags.push("haemoglobin-missing");
  return {
    id: "anaemia.low-iron-stores",
    severity: belowWho ? "moderate" : "borderline",
    title: `Ferritin ${resultText(value!)}: ${belowWho ? "iron deficiency" : "low iron stores"} ${hb === undefined ? "(no haemoglobin in this panel)" : "without anaemia"}`,
    patientTitle: "Your stored iron is low",
    analytes: ["ferritin", ...(hb !== undefined ? ["hemoglobin"] : [])],
    patient: [
      {
        text: `Your ferritin, a measure of stored iron, is ${resultText(value!)}. That is lower than usual. ${
          hb === undefined
            ? "Your hemoglobin, which carries oxygen in your blood, was not checked in this test."
            : "Your hemoglobin, which carries oxygen in your blood, is still in the usual range."
        }`,
        sources: belowWho ? ["who2020Ferritin"] : ["abimReferenceRanges"],
      },
      { text: "Low iron stores can make some people feel tired, even before hemoglobin drops.", sources: ["who2020Ferritin"] },
    ],
    clinician: [
      {
        text: `Ferritin ${resultText(value!)} (${
          belowWho ? `< ${WHO_FERRITIN} ng/mL, WHO 2020 threshold for iron deficiency in apparently healthy adults` : `below the reference range${labLow !== undefined ? ` (< ${fmt(labLow)} ng/mL)` : ""}, above the WHO threshold of ${WHO_FERRITIN} ng/mL`
        })${hb === undefined ? "; Hb not measured." : `; Hb ${resultText(panel.get("hemoglobin")!)}, not anaemic: iron deficiency without anaemia.`}`,
        sources: belowWho ? ["who2020Ferritin"] : ["abimReferenceRanges", "who2020Ferritin"],
      },
    ],
    ask: "Why might my iron stores be low, and should I take iron?",
    guidance: { query: "iron deficiency without anaemia low ferritin iron stores cause", tags },
  };
}
