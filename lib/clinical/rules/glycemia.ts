/**
 * Glycaemia by the ADA Standards of Care in Diabetes—2025.
 *
 * Without known diabetes, HbA1c and fasting plasma glucose are read against the diagnostic cut points of
 * Section 2 (prediabetes 5.7–6.4% and 100–125 mg/dL; diabetes ≥ 6.5% and ≥ 126 mg/dL). A plain glucose is
 * random unless the lab said fasting, so it counts only at ≥ 200 mg/dL, where ADA accepts it with classic
 * symptoms or a hyperglycaemic crisis. One result is not a diagnosis: ADA needs a second abnormal result (the
 * same test repeated, or two different tests above threshold in the same or separate samples), so the text
 * says "in the range", never "has diabetes", and says when two tests agree.
 *
 * With known diabetes, HbA1c is read against the Section 6 goal (< 7% for many nonpregnant adults,
 * individualised) and no diagnostic range is named. In pregnancy neither applies (different criteria and
 * goals), so the values are reported ungraded. Critical glucose values are flagged elsewhere.
 */
import type { Finding, Statement } from "../findings";
import type { Panel } from "../panel";
import { hasCondition, knownDiabetes, takes, type PatientFacts } from "../patient";
import { fmt, resultText, withUnit } from "./format";
import type { Rule } from "./types";

type Band = "normal" | "prediabetes" | "diabetes";

/** ADA Table 2.1/2.5 cut points, canonical units (HbA1c %, glucose mg/dL). */
export const A1C_PREDIABETES = 5.7;
export const A1C_DIABETES = 6.5;
export const FPG_PREDIABETES = 100;
export const FPG_DIABETES = 126;
export const RANDOM_GLUCOSE_DIABETES = 200;
/** ADA Section 6: A1C goal for many nonpregnant adults. */
export const A1C_GOAL = 7;
/** Not an ADA cut point: the rule's own line for "well above goal" (2 points over the < 7% goal). */
const A1C_WELL_ABOVE_GOAL = 9;

interface Test {
  code: "hba1c" | "glucose-fasting";
  label: string;
  patientLabel: string;
  value: number;
  text: string;
  band: Band;
  threshold: number;
}

const a1cBand = (v: number): Band => (v >= A1C_DIABETES ? "diabetes" : v >= A1C_PREDIABETES ? "prediabetes" : "normal");
const fpgBand = (v: number): Band => (v >= FPG_DIABETES ? "diabetes" : v >= FPG_PREDIABETES ? "prediabetes" : "normal");
const a1cText = (v: number) => withUnit(v, "%");
const glucoseText = (v: number) => withUnit(v, "mg/dL", 0);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "undated");

function tests(panel: Panel): Test[] {
  const out: Test[] = [];
  const a1c = panel.value("hba1c");
  const fpg = panel.value("glucose-fasting");
  if (a1c !== undefined) out.push({ code: "hba1c", label: "HbA1c", patientLabel: "A1c", value: a1c, text: resultText(panel.get("hba1c")!), band: a1cBand(a1c), threshold: A1C_DIABETES });
  if (fpg !== undefined) out.push({ code: "glucose-fasting", label: "FPG", patientLabel: "fasting blood sugar", value: fpg, text: resultText(panel.get("glucose-fasting")!), band: fpgBand(fpg), threshold: FPG_DIABETES });
  return out;
}

/**
 * The panel's own results in the ADA diabetes range (HbA1c ≥ 6.5%, fasting glucose ≥ 126 mg/dL), as
 * "HbA1c 7.2%": evidence other rules weigh when no diabetes is recorded (it is not a diagnosis until confirmed).
 */
export function diabetesRangeResults(panel: Panel): string[] {
  return tests(panel)
    .filter((t) => t.band === "diabetes")
    .map((t) => `${t.label} ${t.text}`);
}

export const glycemiaRule: Rule = (panel, patient) => {
  if (hasCondition(patient, "pregnancy")) return pregnancy(panel);
  // Known diabetes, recorded or treated (insulin, sulfonylurea…): read against the goal, never "confirm".
  if (knownDiabetes(patient)) {
    const a1c = panel.value("hba1c");
    return a1c !== undefined ? [control(a1c, resultText(panel.get("hba1c")!))] : [];
  }
  return diagnostic(panel, patient);
};

function diagnostic(panel: Panel, facts: PatientFacts): Finding[] {
  const all = tests(panel);
  const random = panel.value("glucose");
  const randomHigh = random !== undefined && random >= RANDOM_GLUCOSE_DIABETES ? random : undefined;
  const abnormal = all.filter((t) => t.band !== "normal");
  if (!abnormal.length && randomHigh === undefined) return [];
  const a1cMeasured = all.some((t) => t.code === "hba1c");
  const analytes = [...all.map((t) => t.code), ...(randomHigh !== undefined ? ["glucose"] : [])];

  const inRange = all.filter((t) => t.band === "diabetes");
  if (!inRange.length && randomHigh === undefined) {
    return [prediabetes(all, abnormal, a1cMeasured)];
  }

  // Diabetes range: which confirmation ADA's rule allows from this panel and the analyte's last earlier value.
  const below = all.filter((t) => t.band !== "diabetes");
  const twoAgree = inRange.length >= 2;
  const repeats = inRange
    .map((t) => ({ test: t, earlier: panel.history(t.code).at(-1) }))
    .filter((r) => r.earlier !== undefined && r.earlier.value >= r.test.threshold);
  const confirmed = twoAgree || repeats.length > 0;
  const discordant = !confirmed && inRange.length === 1 && below.length > 0;
  const randomOnly = inRange.length === 0;

  const tags = ["glycemia", "diabetes-range", confirmed ? "confirmed" : "confirmation-needed"];
  if (discordant) tags.push("discordant");
  if (randomHigh !== undefined) tags.push("random-glucose-200");
  if (a1cMeasured) tags.push("a1c-measured");

  const values = [
    ...all.map((t) => `${t.label} ${t.text} (${describeBand(t)})`),
    ...(randomHigh !== undefined ? [`random glucose ${resultText(panel.get("glucose")!)} (≥ ${RANDOM_GLUCOSE_DIABETES} mg/dL: diagnostic only with classic symptoms of hyperglycaemia or a hyperglycaemic crisis)`] : []),
  ];

  let confirmation: string;
  if (twoAgree) {
    confirmation = `Two different tests (${inRange.map((t) => t.label).join(" and ")}) above the diagnostic threshold: per ADA this confirms the diagnosis, whether from the same or separate samples.`;
  } else if (repeats.length) {
    const r = repeats[0];
    const unit = r.test.code === "hba1c" ? a1cText(r.earlier!.value) : glucoseText(r.earlier!.value);
    confirmation = `Earlier ${r.test.label} ${unit} (${day(r.earlier!.observedAt)}) also ≥ ${r.test.code === "hba1c" ? a1cText(A1C_DIABETES) : glucoseText(FPG_DIABETES)}: per ADA, two abnormal results in separate samples confirm the diagnosis.`;
  } else if (discordant) {
    confirmation = `Discordant: ${below.map((t) => `${t.label} ${t.text}`).join(", ")} below the diabetes threshold. ADA: repeat the test above the cut point (consider A1C assay interference); the diagnosis rests on the confirmed test.`;
  } else if (randomOnly) {
    confirmation = `A random glucose ≥ ${RANDOM_GLUCOSE_DIABETES} mg/dL diagnoses diabetes only with classic symptoms (polyuria, polydipsia, unexplained weight loss) or a hyperglycaemic crisis; otherwise confirm with HbA1c or FPG.`;
  } else {
    confirmation = "Single abnormal result: without unequivocal hyperglycaemia, ADA requires a second abnormal result (a different test on the same sample, or a repeat sample without delay) before diagnosing diabetes.";
  }

  const patient: Statement[] = [
    ...inRange.map((t) => ({
      text: `Your ${t.patientLabel} is ${t.text}. ${
        t.code === "hba1c"
          ? `A1c shows your average blood sugar over the past 2 to 3 months. ${a1cText(A1C_DIABETES)} or higher is in the range doctors use for diabetes.`
          : `${FPG_DIABETES} or higher after not eating for 8 hours is in the range doctors use for diabetes.`
      }`,
      sources: ["adaDiagnosis2025" as const],
    })),
    ...(randomHigh !== undefined
      ? [
          {
            text: `Your blood sugar is ${resultText(panel.get("glucose")!)}. This test was not marked as fasting. A level of ${RANDOM_GLUCOSE_DIABETES} or higher matters most if you also feel very thirsty, pee a lot, or lose weight without trying.`,
            sources: ["adaDiagnosis2025" as const],
          },
        ]
      : []),
    {
      text: twoAgree
        ? "Two different blood sugar tests are both in that range. When two tests agree, doctors can use them to make a diagnosis. Your doctor will talk with you about what this means."
        : repeats.length
          ? "An earlier test was also in that range. When two tests agree, doctors can use them to make a diagnosis. Your doctor will talk with you about what this means."
          : discordant
            ? "Your blood sugar tests do not agree with each other. Doctors usually repeat the test that was high to be sure."
            : "One test is not enough to be sure. Doctors usually repeat the test, or do a different blood sugar test, to check.",
      sources: ["adaDiagnosis2025"],
    },
  ];

  const titleValues = [...inRange.map((t) => `${t.label} ${t.text}`), ...(randomHigh !== undefined ? [`random glucose ${resultText(panel.get("glucose")!)}`] : [])].join(", ");
  return [
    {
      id: "glycemia.diabetes-range",
      severity: "high",
      title: `${titleValues}: ADA diabetes range${twoAgree ? " (two tests agree)" : repeats.length ? " (repeat result agrees)" : randomOnly ? " if symptomatic" : ", unconfirmed"}`,
      patientTitle: "Blood sugar is in the diabetes range",
      analytes,
      patient,
      clinician: [
        { text: `${values.join("; ")}.`, sources: ["adaDiagnosis2025"] },
        { text: confirmation, sources: ["adaDiagnosis2025"] },
        // Metformin is also used in prediabetes, so it does not make diabetes known; it does make it likely.
        ...(takes(facts, "metformin")
          ? [{ text: `Metformin in the medication list, no diabetes recorded: if diabetes is already diagnosed, read HbA1c against the individualised goal (< ${a1cText(A1C_GOAL)} for many nonpregnant adults) rather than the diagnostic criteria.`, sources: ["adaGlycemicGoals2025" as const] }]
          : []),
      ],
      ask: confirmed ? "What do these blood sugar results mean for me, and what should we do next?" : "Should I repeat this test, or have a different blood sugar test, to be sure?",
      guidance: {
        query: `diabetes diagnosis criteria ${confirmed ? "confirmed two tests" : "confirm repeat test"} ${discordant ? "discordant A1C glucose interference" : ""} ${randomHigh !== undefined ? "random glucose symptoms" : ""}`.trim(),
        tags,
      },
    },
  ];
}

function describeBand(t: Test): string {
  if (t.code === "hba1c") {
    if (t.band === "diabetes") return `≥ ${a1cText(A1C_DIABETES)}: diabetes range`;
    if (t.band === "prediabetes") return `${a1cText(A1C_PREDIABETES)}–6.4%: prediabetes range`;
    return `< ${a1cText(A1C_PREDIABETES)}`;
  }
  if (t.band === "diabetes") return `≥ ${FPG_DIABETES} mg/dL: diabetes range`;
  if (t.band === "prediabetes") return `${FPG_PREDIABETES}–125 mg/dL: impaired fasting glucose, prediabetes range`;
  return `< ${FPG_PREDIABETES} mg/dL`;
}

function prediabetes(all: Test[], abnormal: Test[], a1cMeasured: boolean): Finding {
  const tags = ["glycemia", "prediabetes-range"];
  if (a1cMeasured) tags.push("a1c-measured");
  return {
    id: "glycemia.prediabetes-range",
    severity: "moderate",
    title: `${abnormal.map((t) => `${t.label} ${t.text}`).join(", ")}: ADA prediabetes range`,
    patientTitle: "Blood sugar is higher than usual",
    analytes: all.map((t) => t.code),
    patient: [
      ...abnormal.map((t) => ({
        text: `Your ${t.patientLabel} is ${t.text}. ${
          t.code === "hba1c"
            ? `A1c shows your average blood sugar over the past 2 to 3 months. ${a1cText(A1C_PREDIABETES)} to 6.4% is in the range doctors use for prediabetes.`
            : `${FPG_PREDIABETES} to 125 after not eating for 8 hours is in the range doctors use for prediabetes.`
        } This is higher than usual, but below the range for diabetes.`,
        sources: ["adaDiagnosis2025" as const],
      })),
      {
        text: "Blood sugar in this range means a higher chance of getting diabetes later. Doctors usually check it again every year.",
        sources: ["adaDiagnosis2025"],
      },
    ],
    clinician: [
      { text: `${all.map((t) => `${t.label} ${t.text} (${describeBand(t)})`).join("; ")}.`, sources: ["adaDiagnosis2025"] },
      {
        text: "ADA: risk is continuous across the prediabetes ranges and rises disproportionately toward their upper ends; people with prediabetes should be tested for diabetes at least yearly.",
        sources: ["adaDiagnosis2025"],
      },
    ],
    ask: "What can I do to lower my blood sugar, and when should it be checked again?",
    guidance: { query: "prediabetes impaired fasting glucose A1C 5.7 6.4 risk annual testing", tags },
  };
}

function control(a1c: number, shown: string): Finding {
  const atGoal = a1c < A1C_GOAL;
  const wellAbove = a1c >= A1C_WELL_ABOVE_GOAL;
  const tags = ["glycemia", "diabetes-known", atGoal ? "a1c-at-goal" : "a1c-above-goal"];
  if (wellAbove) tags.push("a1c-9-or-more");
  return {
    id: "glycemia.a1c-goal",
    severity: atGoal ? "info" : wellAbove ? "high" : "moderate",
    title: `HbA1c ${shown}: ${atGoal ? "at" : wellAbove ? "well above" : "above"} the common ADA goal (< ${a1cText(A1C_GOAL)})`,
    patientTitle: atGoal ? "Average blood sugar meets a common goal" : "Average blood sugar is above a common goal",
    analytes: ["hba1c"],
    patient: [
      {
        text: `Your A1c is ${shown}. A1c shows your average blood sugar over the past 2 to 3 months. For many adults with diabetes, the goal is under ${a1cText(A1C_GOAL)}. ${
          atGoal ? "Your result meets that goal." : wellAbove ? "Your result is well above that goal." : "Your result is above that goal."
        }`,
        sources: ["adaGlycemicGoals2025"],
      },
      {
        text: "Your own goal may be higher or lower. You and your doctor set it together, based on your health and how you feel.",
        sources: ["adaGlycemicGoals2025"],
      },
    ],
    clinician: [
      {
        text: `HbA1c ${shown} in known diabetes vs ADA goal < ${a1cText(A1C_GOAL)} for many nonpregnant adults without significant hypoglycaemia${
          atGoal ? ": at goal" : `: ${fmt(a1c - A1C_GOAL)} percentage points above`
        }. Goals are individualised (less stringent, e.g. < 8%, where harms outweigh benefits; more stringent if safely achievable).`,
        sources: ["adaGlycemicGoals2025"],
      },
      {
        text: atGoal
          ? "ADA: assess glycaemic status at least twice a year when meeting goals with stable glycaemia."
          : "ADA: assess glycaemic status at least quarterly when not meeting goals or after a change in therapy.",
        sources: ["adaGlycemicGoals2025"],
      },
    ],
    ask: atGoal ? "Is under 7% the right A1c goal for me?" : "What A1c goal is right for me, and should my diabetes plan change to reach it?",
    guidance: { query: `A1C goal individualized glycemic control ${atGoal ? "at goal monitoring" : "above goal intensify reassess"}`, tags },
  };
}

function pregnancy(panel: Panel): Finding[] {
  const all = tests(panel);
  const random = panel.value("glucose");
  const randomHigh = random !== undefined && random >= RANDOM_GLUCOSE_DIABETES ? random : undefined;
  if (!all.length && randomHigh === undefined) return [];
  const values = [...all.map((t) => `${t.label} ${t.text}`), ...(randomHigh !== undefined ? [`random glucose ${resultText(panel.get("glucose")!)}`] : [])];
  const tags = ["glycemia", "pregnancy"];
  if (all.some((t) => t.code === "hba1c")) tags.push("a1c-measured");
  return [
    {
      id: "glycemia.pregnancy",
      severity: "info",
      title: `${values.join(", ")} in pregnancy: not graded against nonpregnant thresholds`,
      patientTitle: "Blood sugar during pregnancy",
      analytes: [...all.map((t) => t.code), ...(randomHigh !== undefined ? ["glucose"] : [])],
      patient: [
        {
          text: "During pregnancy, doctors use different blood sugar tests and numbers, depending on how far along you are. So we have not compared your results with the usual ranges. Your pregnancy care team can explain them.",
          sources: ["adaDiagnosis2025"],
        },
      ],
      clinician: [
        {
          text: `${values.join("; ")}. Pregnancy recorded, gestational age unknown: not graded. ADA: standard criteria detect preexisting diabetes at the first prenatal visit (< 15 weeks); gestational diabetes is diagnosed by OGTT at 24–28 weeks against pregnancy-specific thresholds; A1C alone is not used for diagnosis in the second and third trimesters; the < 7% A1C goal is for nonpregnant adults.`,
          sources: ["adaDiagnosis2025", "adaGlycemicGoals2025"],
        },
      ],
      ask: "Which blood sugar tests and targets apply to me during pregnancy?",
      guidance: { query: "pregnancy gestational diabetes OGTT thresholds A1C", tags },
    },
  ];
}
