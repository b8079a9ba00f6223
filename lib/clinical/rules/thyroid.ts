/**
 * Thyroid function from TSH with free T4 (and free T3 when measured), read against the lab's own ranges.
 * The patterns and their thresholds come from the AACE/ATA 2012 hypothyroidism guideline (TSH ≥ 10 mIU/L vs
 * above the range but < 10 in subclinical hypothyroidism; TSH is unreliable in central hypothyroidism) and
 * the ATA 2016 hyperthyroidism guideline (subclinical hyperthyroidism with TSH < 0.1 vs 0.1 to the lower
 * limit). In someone taking thyroid hormone the same numbers speak to the dose (ATA 2014), so the wording
 * changes. Biotin can distort streptavidin–biotin immunoassays (FDA), so any finding says so when the patient
 * takes it. One finding per panel: the pattern, never one per analyte.
 */
import type { Finding, Severity, Statement } from "../findings";
import type { PanelValue } from "../panel";
import { takes } from "../patient";
import type { SourceId } from "../sources";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";
import { place, type Place } from "./place";

/** AACE/ATA 2012: treatment is considered in subclinical hypothyroidism from a TSH of 10 mIU/L. */
const TSH_TEN = 10;
/** ATA 2016: subclinical hyperthyroidism with TSH < 0.1 mIU/L is the grade treated more readily. */
const TSH_SUPPRESSED = 0.1;


/** "0.05 mIU/L (ref 0.45–4.12)" with the lab's comparator kept ("< 0.01"), in the unit the lab printed. */
function show(v: PanelValue): string {
  const ref = v.reference && (v.reference.low !== undefined || v.reference.high !== undefined) ? ` (ref ${[v.reference.low, v.reference.high].map((n) => (n === undefined ? "" : fmt(n, 2))).join("–")})` : "";
  return `${resultText(v)}${ref}`;
}

interface Pattern {
  id: string;
  severity: Severity;
  title: string;
  patientTitle: string;
  patient: Statement[];
  clinician: Statement[];
  ask: string;
  query: string;
  tags: string[];
}

export const thyroidRule: Rule = (panel, patient) => {
  const tsh = panel.get("tsh");
  const ft4 = panel.get("free-t4");
  const ft3 = panel.get("free-t3");
  const t = place(tsh);
  const f4 = place(ft4);
  const f3 = place(ft3);
  if (t === null && f4 === null) return [];

  const onThyroidHormone = takes(patient, "levothyroxine");
  const pattern = onThyroidHormone ? replacementPattern(tsh, t, ft4, f4) : untreatedPattern(tsh, t, ft4, f4, ft3, f3);
  if (!pattern) return [];

  const tags = ["thyroid", ...pattern.tags];
  if (onThyroidHormone) tags.splice(1, 0, "levothyroxine");
  const patientText = [...pattern.patient];
  const clinician = [...pattern.clinician];
  if (takes(patient, "biotin")) {
    tags.push("biotin");
    patientText.push({
      text: "You take biotin (vitamin B7). High doses of biotin can make some thyroid blood tests read too high or too low. Tell your clinician and the lab that you take it.",
      sources: ["fdaBiotinInterference"],
    });
    clinician.push({
      text: "Patient takes biotin: streptavidin–biotin immunoassays (TSH, FT4, FT3) can read falsely high or low. Tell the lab; confirm on a platform without biotin interference before acting (FDA: no established washout interval).",
      sources: ["fdaBiotinInterference"],
    });
  }
  const analytes = ["tsh", "free-t4", "free-t3"].filter((code) => panel.value(code) !== undefined);
  const finding: Finding = {
    id: `thyroid.${pattern.id}`,
    severity: pattern.severity,
    title: pattern.title,
    patientTitle: pattern.patientTitle,
    analytes,
    patient: patientText,
    clinician,
    ask: pattern.ask,
    guidance: { query: pattern.query, tags },
  };
  return [finding];
};

const tshBand = (value: number, high: boolean) => (high ? (value >= TSH_TEN ? "tsh-10-or-more" : "tsh-below-10") : value < TSH_SUPPRESSED ? "tsh-below-0.1" : "tsh-0.1-or-more");

/** Not on thyroid hormone: the classic TSH/FT4 grid. */
function untreatedPattern(tsh: PanelValue | undefined, t: Place, ft4: PanelValue | undefined, f4: Place, ft3: PanelValue | undefined, f3: Place): Pattern | null {
  const tshValue = tsh?.value ?? null;
  const T = tsh ? `TSH ${show(tsh)}` : "";
  const F4 = ft4 ? `FT4 ${show(ft4)}` : "";
  const F3 = ft3 && f3 !== null ? `, FT3 ${show(ft3)}` : "";

  if (t === "high" && tshValue !== null) {
    const band = tshBand(tshValue, true);
    const ten = band === "tsh-10-or-more";
    if (f4 === "low") {
      return {
        id: "primary-hypothyroid-pattern",
        severity: "high",
        title: `TSH ${fmt(tshValue, 2)} mIU/L with low FT4: overt primary hypothyroidism pattern`,
        patientTitle: "Your thyroid tests suggest an underactive thyroid",
        patient: [
          {
            text: "Your TSH is high and your free T4 is low. TSH is the signal your brain sends to tell your thyroid to work harder. This pattern can happen when the thyroid gland is not making enough hormone.",
            sources: ["garberHypothyroidism2012"],
          },
        ],
        clinician: [{ text: `${T}, ${F4}: raised TSH with low FT4, consistent with overt primary hypothyroidism.`, sources: ["garberHypothyroidism2012"] }],
        ask: "Do my thyroid results mean I should start thyroid hormone medicine?",
        query: "overt primary hypothyroidism high TSH low free T4 levothyroxine treatment",
        tags: ["primary-hypothyroid-pattern", band],
      };
    }
    if (f4 === "normal") {
      return {
        id: "subclinical-hypothyroid-pattern",
        severity: ten ? "moderate" : "borderline",
        title: `TSH ${fmt(tshValue, 2)} mIU/L with normal FT4: subclinical hypothyroidism pattern (TSH ${ten ? "≥ 10" : "< 10"})`,
        patientTitle: "Your thyroid control hormone is higher than usual",
        patient: [
          {
            text: `Your TSH is ${ten ? "well above" : "a little above"} the usual range, but your free T4, the main thyroid hormone, is normal. This pattern can mean the thyroid needs an extra push to keep up. Doctors usually repeat the test to see if it lasts.`,
            sources: ["garberHypothyroidism2012"],
          },
        ],
        clinician: [
          {
            text: `${T}, ${F4}: raised TSH with normal FT4, subclinical hypothyroidism pattern if persistent and not during recovery from illness; TSH ${ten ? "≥ 10 mIU/L, where treatment is considered" : "above the range but < 10 mIU/L, where treatment is individualised"}.`,
            sources: ["garberHypothyroidism2012"],
          },
        ],
        ask: ten ? "Should I start thyroid hormone medicine, or repeat the test first?" : "Should this TSH test be repeated, and do I need thyroid antibody tests?",
        query: `subclinical hypothyroidism TSH ${ten ? "10 or more treat" : "below 10 individualise antibodies"} repeat`,
        tags: ["subclinical-hypothyroid-pattern", band],
      };
    }
    if (f4 === "high") return discordant(T, F4, "both-high");
    return tshOnly(T, tshValue, "high", band);
  }

  if (t === "low" && tshValue !== null) {
    const band = tshBand(tshValue, false);
    const suppressed = band === "tsh-below-0.1";
    if (f4 === "high" || f3 === "high") {
      return {
        id: "hyperthyroid-pattern",
        severity: "high",
        title: `TSH ${fmt(tshValue, 2)} mIU/L with high ${f4 === "high" ? "FT4" : "FT3"}: overt hyperthyroidism pattern`,
        patientTitle: "Your thyroid tests suggest an overactive thyroid",
        patient: [
          {
            text: "Your TSH is low and your thyroid hormone level is high. This pattern can happen when the body has too much thyroid hormone.",
            sources: ["rossHyperthyroidism2016"],
          },
        ],
        clinician: [{ text: `${T}${F4 ? `, ${F4}` : ""}${F3}: suppressed TSH with raised thyroid hormone, consistent with overt thyrotoxicosis; establish the cause.`, sources: ["rossHyperthyroidism2016"] }],
        ask: "What is making my thyroid hormone high, and which tests will find the cause?",
        query: "overt hyperthyroidism thyrotoxicosis low TSH high free T4 cause TRAb beta blocker",
        tags: ["hyperthyroid-pattern", band],
      };
    }
    if (f4 === "low") return central(T, F4, "low");
    if (f4 === "normal") {
      return {
        id: "subclinical-hyperthyroid-pattern",
        severity: suppressed ? "moderate" : "borderline",
        title: `TSH ${fmt(tshValue, 2)} mIU/L with normal FT4: subclinical hyperthyroidism pattern (TSH ${suppressed ? "< 0.1" : "0.1 to the lower limit"})`,
        patientTitle: "Your thyroid control hormone is lower than usual",
        patient: [
          {
            text: `Your TSH is ${suppressed ? "very low" : "a little low"}, but your thyroid hormone is in the usual range. This can be a mild sign of too much thyroid hormone. It can also pass on its own, so doctors usually repeat the test.`,
            sources: ["rossHyperthyroidism2016"],
          },
        ],
        clinician: [
          {
            text: `${T}, ${F4}${F3 || ", FT3 not measured"}: low TSH with normal FT4, subclinical hyperthyroidism pattern if persistent (${suppressed ? "TSH < 0.1 mIU/L" : "TSH ≥ 0.1 mIU/L but below the range"}).`,
            sources: ["rossHyperthyroidism2016"],
          },
        ],
        ask: "Should my thyroid tests be repeated, and do my age or heart and bone health change what we do?",
        query: `subclinical hyperthyroidism TSH ${suppressed ? "below 0.1" : "0.1 lower limit"} treat age 65 osteoporosis cardiac repeat`,
        tags: ["subclinical-hyperthyroid-pattern", band],
      };
    }
    return tshOnly(T, tshValue, "low", band);
  }

  if (t === "normal") {
    if (f4 === "low") return central(T, F4, "normal");
    if (f4 === "high") return discordant(T, F4, "ft4-high");
    return null;
  }

  // No TSH: a free T4 outside its range needs a TSH to be read.
  if (t === null && ft4 && (f4 === "low" || f4 === "high")) {
    return {
      id: "tsh-missing",
      severity: "borderline",
      title: `FT4 ${fmt(ft4.value ?? 0, 2)} ng/dL ${f4} without TSH`,
      patientTitle: `Your free T4 is ${f4 === "low" ? "lower" : "higher"} than usual`,
      patient: [
        {
          text: `Your free T4, the main thyroid hormone, is ${f4 === "low" ? "lower" : "higher"} than usual. A TSH test was not done. TSH would help explain this result.`,
          sources: ["garberHypothyroidism2012"],
        },
      ],
      clinician: [{ text: `${F4} ${f4} with no TSH in this panel: measure TSH to interpret.`, sources: ["garberHypothyroidism2012"] }],
      ask: "Should I have a TSH test to make sense of this thyroid result?",
      query: "free T4 abnormal TSH missing measure TSH",
      tags: ["tsh-missing", `ft4-${f4}`],
    };
  }
  return null;
}

function tshOnly(T: string, tsh: number, direction: "high" | "low", band: string): Pattern {
  const high = direction === "high";
  const marked = band === "tsh-10-or-more" || band === "tsh-below-0.1";
  const sources: SourceId[] = high ? ["garberHypothyroidism2012"] : ["rossHyperthyroidism2016"];
  return {
    id: "tsh-without-ft4",
    severity: marked ? "moderate" : "borderline",
    title: `TSH ${fmt(tsh, 2)} mIU/L ${direction} without free T4`,
    patientTitle: `Your thyroid control hormone is ${high ? "higher" : "lower"} than usual`,
    patient: [
      {
        text: `Your TSH is ${high ? "higher" : "lower"} than usual. TSH is the signal that tells your thyroid how hard to work. A free T4 test, which measures the main thyroid hormone, would show what this means.`,
        sources,
      },
    ],
    clinician: [
      {
        text: `${T} with no free T4 in this panel: measure FT4${high ? "" : " (and FT3)"} to separate ${high ? "overt from subclinical hypothyroidism" : "overt from subclinical hyperthyroidism"}.`,
        sources,
      },
    ],
    ask: "Should I have a free T4 test to understand my TSH result?",
    query: `TSH ${direction} free T4 missing measure ${high ? "hypothyroidism" : "hyperthyroidism"}`,
    tags: ["ft4-missing", band],
  };
}

function central(T: string, F4: string, tsh: "low" | "normal"): Pattern {
  return {
    id: "central-pattern",
    severity: "moderate",
    title: `Low FT4 with ${tsh} TSH: central hypothyroidism or non-thyroidal illness pattern`,
    patientTitle: "Your thyroid hormone is low without the usual signal",
    patient: [
      {
        text: "Your free T4, the main thyroid hormone, is low, but your TSH is not high. Usually TSH goes up when thyroid hormone is low. This pattern can happen during a serious illness, or with a problem in the gland at the base of the brain that controls the thyroid.",
        sources: ["garberHypothyroidism2012"],
      },
    ],
    clinician: [
      {
        text: `${T}, ${F4}: low FT4 with an inappropriately ${tsh} TSH. Consider central (pituitary or hypothalamic) hypothyroidism, non-thyroidal illness, drugs or assay interference; in central disease TSH cannot be used, FT4 is the measure.`,
        sources: ["garberHypothyroidism2012"],
      },
    ],
    ask: "Could my low thyroid hormone come from the pituitary gland or from an illness, and what tests are next?",
    query: "central hypothyroidism low free T4 low normal TSH pituitary non-thyroidal illness",
    tags: ["central-pattern"],
  };
}

function discordant(T: string, F4: string, kind: "both-high" | "ft4-high"): Pattern {
  return {
    id: "discordant-pattern",
    severity: kind === "both-high" ? "moderate" : "borderline",
    title: kind === "both-high" ? "High TSH with high FT4: discordant thyroid tests" : "High FT4 with normal TSH: discordant thyroid tests",
    patientTitle: "Your thyroid tests do not match the usual pattern",
    patient: [
      {
        text: `Your free T4 is high, but your TSH is ${kind === "both-high" ? "high too" : "normal"}. Usually when one goes up, the other goes down. This mix can come from a problem with the test itself, so your clinician may repeat it.`,
        sources: ["rossHyperthyroidism2016"],
      },
    ],
    clinician: [
      {
        text: `${T}, ${F4}: FT4 raised with a non-suppressed TSH. Exclude assay interference first (repeat, ideally on another platform); rarer causes include a TSH-secreting pituitary adenoma and thyroid hormone resistance.`,
        sources: ["rossHyperthyroidism2016"],
      },
    ],
    ask: "Should my thyroid tests be repeated, perhaps with a different method?",
    query: "discordant thyroid function high free T4 non suppressed TSH assay interference TSH secreting adenoma resistance",
    tags: ["discordant-pattern"],
  };
}

/** On thyroid hormone: TSH (or FT4 when TSH cannot be used) speaks to the dose. */
function replacementPattern(tsh: PanelValue | undefined, t: Place, ft4: PanelValue | undefined, f4: Place): Pattern | null {
  const tshValue = tsh?.value ?? null;
  const T = tsh ? `TSH ${show(tsh)}` : "";
  const F4 = ft4 && f4 !== null ? `, FT4 ${show(ft4)}` : "";
  if (t === "high" && tshValue !== null) {
    const band = tshBand(tshValue, true);
    return {
      id: "replacement-tsh-high",
      severity: f4 === "low" || band === "tsh-10-or-more" ? "moderate" : "borderline",
      title: `TSH ${fmt(tshValue, 2)} mIU/L above range on thyroid hormone: possible under-replacement`,
      patientTitle: "Your thyroid medicine dose may need a check",
      patient: [
        {
          text: "You take thyroid hormone medicine, and your TSH is above the usual range. This can mean the dose is too low for you right now. It can also happen when the pill is not absorbed well, for example if it is taken with food, coffee, iron or calcium.",
          sources: ["jonklaasHypothyroidism2014"],
        },
      ],
      clinician: [
        {
          text: `On thyroid hormone: ${T}${F4}. TSH above target suggests under-replacement; check adherence, timing relative to food and interfering drugs or supplements (iron, calcium, PPIs) before raising the dose, and recheck TSH after any change.`,
          sources: ["jonklaasHypothyroidism2014"],
        },
      ],
      ask: "Is my thyroid medicine dose right, and am I taking it the best way?",
      query: "levothyroxine under replacement TSH above target dose adjust absorption timing adherence",
      tags: ["lt4-tsh-high", band],
    };
  }
  if (t === "low" && tshValue !== null) {
    const band = tshBand(tshValue, false);
    return {
      id: "replacement-tsh-low",
      severity: band === "tsh-below-0.1" ? "moderate" : "borderline",
      title: `TSH ${fmt(tshValue, 2)} mIU/L below range on thyroid hormone: possible over-replacement`,
      patientTitle: "Your thyroid medicine dose may need a check",
      patient: [
        {
          text: "You take thyroid hormone medicine, and your TSH is below the usual range. This can mean the dose is higher than you need. Sometimes doctors aim for a low TSH on purpose, for example after thyroid cancer.",
          sources: ["jonklaasHypothyroidism2014"],
        },
      ],
      clinician: [
        {
          text: `On thyroid hormone: ${T}${F4}. TSH below target suggests over-replacement unless TSH suppression is intended (e.g. thyroid cancer); over-replacement carries risks of atrial fibrillation and bone loss, particularly in older adults.`,
          sources: ["jonklaasHypothyroidism2014"],
        },
      ],
      ask: "Is my thyroid medicine dose too high, or is a low TSH my goal?",
      query: "levothyroxine over replacement low TSH dose reduce atrial fibrillation bone",
      tags: ["lt4-tsh-low", band],
    };
  }
  if (t === "normal" && f4 === "low" && ft4) {
    return {
      id: "replacement-ft4-low",
      severity: "borderline",
      title: `FT4 ${fmt(ft4.value ?? 0, 2)} ng/dL below range with normal TSH on thyroid hormone`,
      patientTitle: "Your thyroid medicine dose may need a check",
      patient: [
        {
          text: "You take thyroid hormone medicine. Your TSH is in the usual range, but your free T4 is low. For some people, such as those whose thyroid problem starts in the pituitary gland in the brain, free T4 is the better guide to the dose.",
          sources: ["garberHypothyroidism2012"],
        },
      ],
      clinician: [
        {
          text: `On thyroid hormone: ${T}${F4}. In central hypothyroidism TSH cannot guide dosing and a low FT4 suggests under-replacement; in primary hypothyroidism with a normal TSH, check dose timing relative to the blood draw and the assay.`,
          sources: ["garberHypothyroidism2012", "jonklaasHypothyroidism2014"],
        },
      ],
      ask: "Is free T4 or TSH the right test to guide my thyroid medicine dose?",
      query: "levothyroxine central hypothyroidism free T4 low normal TSH dose monitoring",
      tags: ["central-pattern", "ft4-low"],
    };
  }
  if (t === null && ft4 && (f4 === "low" || f4 === "high")) {
    return {
      id: "tsh-missing",
      severity: "borderline",
      title: `FT4 ${fmt(ft4.value ?? 0, 2)} ng/dL ${f4} on thyroid hormone, without TSH`,
      patientTitle: "Your thyroid medicine dose may need a check",
      patient: [
        {
          text: `You take thyroid hormone medicine, and your free T4 is ${f4 === "low" ? "lower" : "higher"} than usual. A TSH test was not done. TSH is the usual way to check the dose.`,
          sources: ["jonklaasHypothyroidism2014"],
        },
      ],
      clinician: [{ text: `On thyroid hormone: FT4 ${show(ft4)} ${f4}, no TSH in this panel: TSH is the primary measure of replacement adequacy (except in central hypothyroidism).`, sources: ["jonklaasHypothyroidism2014"] }],
      ask: "Should I have a TSH test to check my thyroid medicine dose?",
      query: "levothyroxine monitoring TSH missing free T4 abnormal",
      tags: ["tsh-missing", `ft4-${f4}`],
    };
  }
  return null;
}
