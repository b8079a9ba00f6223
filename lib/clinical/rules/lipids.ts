/**
 * Lipids by the 2018 AHA/ACC cholesterol guideline (Grundy et al.), with NCEP ATP III's LDL-C categories for
 * wording. At most three findings: the cholesterol finding (LDL-C, non-HDL-C, HDL-C), triglycerides, and the
 * lipoprotein markers (Lp(a), apoB).
 *
 * The guideline's statin decisions hang on the patient group, so the rule reads the context first: clinical
 * ASCVD (secondary prevention: statin indicated; on a statin, LDL-C ≥ 70 mg/dL is the threshold for adding
 * non-statin therapy in very-high-risk ASCVD), LDL-C ≥ 190 mg/dL (statin without risk calculation), diabetes at
 * 40–75 (statin regardless of risk), and otherwise, at 40–75 with LDL-C 70–189, the 10-year ASCVD risk from
 * the Pooled Cohort Equations, which needs blood pressure and smoking and so is never computed here. Values
 * the guideline lists as risk-enhancing factors (LDL-C 160–189, non-HDL-C 190–219, persistent triglycerides
 * ≥ 175, Lp(a) ≥ 50 mg/dL or ≥ 125 nmol/L, apoB ≥ 130) are named as such in primary prevention only. One panel
 * is one moment: the guideline speaks of persistently elevated values. Adults only.
 */
import { CATALOGUE, referenceFor } from "../catalogue";
import { SEVERITIES, type Finding, type Severity, type Statement } from "../findings";
import type { Panel } from "../panel";
import { hasCondition, knownDiabetes, takes, type PatientFacts } from "../patient";
import { resultText, withUnit } from "./format";
import { diabetesRangeResults } from "./glycemia";
import type { Rule } from "./types";

export const LDL_SEVERE = 190;
export const LDL_ENHANCER = 160;
/** Lower edge of the 70–189 primary-prevention band, and the add-on threshold in very-high-risk ASCVD. */
export const LDL_70 = 70;
export const NON_HDL_ENHANCER = 190;
/** NCEP ATP III: total cholesterol ≥ 240 mg/dL is high (200–239 borderline high). */
export const TC_HIGH = 240;
export const TG_ENHANCER = 175;
export const TG_SEVERE = 500;
export const TG_VERY_SEVERE = 1000;
export const LPA_MASS = 50;
export const LPA_MOLAR = 125;
export const APOB_ENHANCER = 130;
/** Sampson LDL-C is not calculated above this triglyceride level (see derived.ts). */
const SAMPSON_TG_LIMIT = 800;

const mg = (v: number) => withUnit(v, "mg/dL", 0);

interface Context {
  age?: number;
  sex?: PatientFacts["sex"];
  ascvd: boolean;
  statin: boolean;
  diabetes: boolean;
  /**
   * Without known diabetes, this panel's own results in the ADA diabetes range ("HbA1c 7.2%"): the text must not
   * say "no diabetes" over them, and names them as diabetes to be confirmed.
   */
  diabetesRange: string[];
  /** Known age 40–75: the band of the guideline's risk-based primary-prevention recommendations. */
  midlife: boolean;
}

const worst = (severities: Severity[]): Severity => severities.reduce((a, b) => (SEVERITIES.indexOf(b) < SEVERITIES.indexOf(a) ? b : a));

export const lipidsRule: Rule = (panel, patient) => {
  // The guideline's thresholds are for adults; children and adolescents are read differently.
  if (patient.age !== undefined && patient.age < 20) return [];
  const ctx: Context = {
    age: patient.age,
    sex: patient.sex,
    ascvd: hasCondition(patient, "ascvd"),
    statin: takes(patient, "statin"),
    diabetes: knownDiabetes(patient),
    diabetesRange: knownDiabetes(patient) ? [] : diabetesRangeResults(panel),
    midlife: patient.age !== undefined && patient.age >= 40 && patient.age <= 75,
  };
  return [cholesterol(panel, ctx), triglycerides(panel, ctx), markers(panel, ctx)].filter((f): f is Finding => f !== null);
};

const HDL = CATALOGUE.find((d) => d.code === "hdl-cholesterol");

/** The catalogue's low-HDL cut point for this sex; without a sex, the lower of the two (low for everyone). */
function hdlLowCut(sex: PatientFacts["sex"]): number | undefined {
  if (!HDL) return undefined;
  const own = referenceFor(HDL, { sex })?.low;
  if (own !== undefined) return own;
  const lows = HDL.reference.map((r) => r.low).filter((v): v is number => v !== undefined);
  return lows.length ? Math.min(...lows) : undefined;
}

function atp3Category(ldl: number): string {
  if (ldl >= 190) return "very high";
  if (ldl >= 160) return "high";
  if (ldl >= 130) return "borderline high";
  if (ldl >= 100) return "near optimal";
  return "optimal";
}

interface LdlRead {
  severity: Severity;
  title: string;
  patientTitle: string;
  patient: Statement[];
  clinician: Statement[];
  tags: string[];
  ask: string;
  query: string;
}

const PCE_PATIENT: Statement = {
  text: "Doctors look at cholesterol together with your age, blood pressure, smoking and other health facts to estimate your chance of a heart attack or stroke in the next 10 years. That estimate helps decide whether a cholesterol medicine would help you. Lab results alone are not enough to work it out.",
  sources: ["grundyCholesterol2018"],
};

const pceClinician = (ldl: string, ctx: Context): Statement =>
  ctx.diabetesRange.length
    ? {
        text: `Age 40–75, LDL-C ${ldl} (70–189), no ASCVD recorded; ${ctx.diabetesRange.join(" and ")} in this panel ${ctx.diabetesRange.length > 1 ? "are" : "is"} in the ADA diabetes range. If diabetes is confirmed, the 2018 guideline indicates moderate-intensity statin therapy regardless of 10-year ASCVD risk; otherwise the decision rests on 10-year risk from the Pooled Cohort Equations (not computed from this panel: it needs blood pressure, treatment and smoking).`,
        sources: ["grundyCholesterol2018", "adaDiagnosis2025"],
      }
    : {
        text: `Age 40–75, LDL-C ${ldl} (70–189), no diabetes or ASCVD recorded: the 2018 guideline bases the statin decision on 10-year ASCVD risk from the Pooled Cohort Equations (≥ 7.5% intermediate: moderate-intensity statin if the risk discussion favours it; 5–< 7.5% borderline), refined by risk-enhancing factors. The PCE needs blood pressure, antihypertensive treatment, smoking and diabetes status; it is not computed from this panel.`,
        sources: ["grundyCholesterol2018"],
      };

/** The LDL-C reading for the patient's group, or null when LDL-C alone warrants no finding. */
function readLdl(ldl: number, how: string, ctx: Context, value = mg(ldl)): LdlRead | null {
  const ldlPatient = `Your LDL ("bad") cholesterol is ${value}.`;

  if (ctx.ascvd) {
    const history = "For people who have had a heart attack, stroke or other blood vessel problem,";
    if (ctx.statin) {
      const above = ldl >= LDL_70;
      return {
        severity: ldl >= LDL_SEVERE ? "high" : above ? "moderate" : "info",
        title: `On-statin LDL-C ${value} with clinical ASCVD (${above ? "≥" : "<"} ${LDL_70} mg/dL)`,
        patientTitle: "Your cholesterol while on treatment",
        patient: [
          {
            text: `${ldlPatient} You take a statin, a medicine that lowers cholesterol. ${history} heart guidelines use 70 as the level at which doctors may add a second cholesterol medicine. ${
              above ? "Your LDL is at or above that level." : "Your LDL is below that level."
            }`,
            sources: ["grundyCholesterol2018"],
          },
        ],
        clinician: [
          {
            text: above
              ? `On-treatment LDL-C ${value}${how} with clinical ASCVD on a statin: ≥ ${LDL_70} mg/dL is the 2018 AHA/ACC threshold for adding non-statin therapy (ezetimibe first, then a PCSK9 inhibitor if still ≥ ${LDL_70}) in very-high-risk ASCVD (multiple major ASCVD events, or one major event plus multiple high-risk conditions). Very-high-risk status cannot be judged from labs; check adherence and that the statin is maximally tolerated.`
              : `On-treatment LDL-C ${value}${how} with clinical ASCVD on a statin: below the ${LDL_70} mg/dL threshold for adding non-statin therapy in very-high-risk ASCVD.`,
            sources: ["grundyCholesterol2018"],
          },
        ],
        tags: ["ascvd", "on-statin", above ? "ldl-70-or-more" : "ldl-below-70"],
        ask: above ? "Is my cholesterol low enough for my heart history, or should my treatment change?" : "Should I keep my cholesterol treatment the same?",
        query: `secondary prevention clinical ASCVD statin LDL ${above ? "70 or more add ezetimibe PCSK9 very high risk" : "below 70 monitoring"}`,
      };
    }
    const over75 = ctx.age !== undefined && ctx.age > 75;
    return {
      severity: ldl >= LDL_SEVERE ? "high" : "moderate",
      title: `LDL-C ${value} with clinical ASCVD, no statin listed`,
      patientTitle: "Your cholesterol and your heart history",
      patient: [
        {
          text: `${ldlPatient} ${history} heart guidelines recommend a cholesterol medicine called a statin for most people. We did not see one in your medicine list.`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      clinician: [
        {
          text: `LDL-C ${value}${how} with clinical ASCVD and no statin in the medication list: ${
            over75
              ? "age > 75: 2018 AHA/ACC finds it reasonable to start moderate- or high-intensity statin therapy after weighing risk reduction, adverse effects, interactions, frailty and preferences."
              : "2018 AHA/ACC recommends high-intensity (or maximally tolerated) statin therapy at age ≤ 75, aiming to lower LDL-C by ≥ 50%."
          }`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      tags: ["ascvd", "no-statin"],
      ask: "Given my heart history, should I be taking a statin?",
      query: "secondary prevention clinical ASCVD high-intensity statin 50% LDL reduction",
    };
  }

  if (ldl >= LDL_SEVERE) {
    return {
      severity: "high",
      title: `LDL-C ${value}: severe hypercholesterolaemia (≥ ${LDL_SEVERE} mg/dL)${ctx.statin ? " on a statin" : ""}`,
      patientTitle: "LDL (\"bad\") cholesterol is very high",
      patient: [
        {
          text: `${ldlPatient} That is very high: ${LDL_SEVERE} or more. ${
            ctx.statin
              ? "This is high even though you take a statin, a cholesterol medicine."
              : "At this level, heart guidelines recommend a cholesterol medicine (a statin) for most adults, without needing other risk numbers."
          }`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      clinician: [
        {
          text: ctx.statin
            ? `On-treatment LDL-C ${value}${how} ≥ ${LDL_SEVERE} mg/dL on a statin. 2018 AHA/ACC (LDL-C ≥ 190 group): maximally tolerated statin; if LDL-C falls < 50% and/or stays ≥ 100 mg/dL, adding ezetimibe is reasonable.`
            : `LDL-C ${value}${how} ≥ ${LDL_SEVERE} mg/dL: severe hypercholesterolaemia. 2018 AHA/ACC: at age 20–75, maximally tolerated (high-intensity) statin therapy without calculating 10-year ASCVD risk.`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      tags: ["ldl-190-or-more", ...(ctx.statin ? ["on-statin"] : [])],
      ask: ctx.statin ? "My LDL is still very high on a statin. Should my treatment change?" : "Should I start a cholesterol medicine?",
      query: "severe hypercholesterolemia LDL 190 high-intensity statin without risk calculation ezetimibe",
    };
  }

  if (ctx.statin) {
    if (ldl < 100) return null;
    return {
      severity: ldl >= LDL_ENHANCER ? "moderate" : "borderline",
      title: `On-statin LDL-C ${value} (ATP III ${atp3Category(ldl)})`,
      patientTitle: "Your cholesterol while on treatment",
      patient: [
        {
          text: `${ldlPatient} You take a statin, a medicine that lowers cholesterol. Your doctor can check whether it is lowering your LDL as much as hoped.`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      clinician: [
        { text: `On-treatment LDL-C ${value}${how}: ATP III ${atp3Category(ldl)}.`, sources: ["ncepAtp3"] },
        {
          text: "2018 AHA/ACC: assess adherence and response (percentage LDL-C reduction from baseline) with a lipid panel 4–12 weeks after starting or changing a statin, then every 3–12 months as needed.",
          sources: ["grundyCholesterol2018"],
        },
      ],
      tags: ["on-statin"],
      ask: "Is my cholesterol medicine working as well as it should?",
      query: "statin response monitoring adherence LDL reduction lipid panel",
    };
  }

  if (ctx.diabetes && ctx.midlife && ldl >= LDL_70) {
    return {
      severity: "moderate",
      title: `LDL-C ${value}, diabetes at age 40–75, no statin listed`,
      patientTitle: "Your cholesterol and diabetes",
      patient: [
        {
          text: `${ldlPatient} For adults aged 40 to 75 with diabetes, heart guidelines recommend a cholesterol medicine (a statin) for most people, whatever their other risks. We did not see one in your medicine list.`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      clinician: [
        {
          text: `LDL-C ${value}${how} (ATP III ${atp3Category(ldl)}), diabetes, age ${ctx.age}, no statin in the medication list: 2018 AHA/ACC indicates moderate-intensity statin therapy regardless of estimated 10-year ASCVD risk.`,
          sources: ["grundyCholesterol2018"],
        },
      ],
      tags: ["diabetes-40-75", ...(ldl >= LDL_ENHANCER ? ["ldl-160-189", "risk-enhancer"] : [])],
      ask: "Should I take a cholesterol medicine because of my diabetes?",
      query: "diabetes mellitus age 40-75 moderate-intensity statin regardless of risk",
    };
  }

  // Primary prevention without diabetes at 40–75 (or age/diabetes that takes it outside the risk-based band).
  const riskBased = ctx.midlife && !ctx.diabetes && ldl >= LDL_70;
  const enhancer = ldl >= LDL_ENHANCER;
  if (!enhancer && ldl < 130 && !riskBased) return null;
  const clinician: Statement[] = [
    {
      text: `LDL-C ${value}${how}: ATP III ${atp3Category(ldl)}${enhancer ? `; 160–189 mg/dL, if persistent, is a 2018 AHA/ACC risk-enhancing factor` : ""}.`,
      sources: enhancer ? ["ncepAtp3", "grundyCholesterol2018"] : ["ncepAtp3"],
    },
  ];
  if (riskBased) clinician.push(pceClinician(value, ctx));
  else if (ctx.age === undefined) {
    clinician.push({
      text: ctx.diabetes
        ? "Age unknown: with diabetes at age 40–75, the 2018 guideline indicates moderate-intensity statin therapy regardless of estimated 10-year ASCVD risk."
        : ctx.diabetesRange.length
          ? `Age unknown; ${ctx.diabetesRange.join(" and ")} in this panel in the ADA diabetes range: if diabetes is confirmed, at age 40–75 the 2018 guideline indicates moderate-intensity statin therapy regardless of estimated 10-year ASCVD risk.`
          : "Age unknown: for adults 40–75 without diabetes or ASCVD, the 2018 guideline bases the statin decision on 10-year ASCVD risk (Pooled Cohort Equations), which this panel cannot supply.",
      sources: ["grundyCholesterol2018"],
    });
  }
  const patient: Statement[] = [
    {
      text: `${ldlPatient} ${
        enhancer
          ? "That is high: 160 to 189. If it stays this high, it adds to the chance of heart disease."
          : ldl >= 130
            ? "That is above the ideal level of under 100."
            : ldl >= 100
              ? "That is a little above the ideal level of under 100."
              : "That is in the ideal range of under 100."
      }`,
      sources: enhancer ? ["ncepAtp3", "grundyCholesterol2018"] : ["ncepAtp3"],
    },
  ];
  if (riskBased || ctx.age === undefined) patient.push(PCE_PATIENT);
  return {
    severity: enhancer ? "moderate" : ldl >= 130 ? "borderline" : "info",
    title: `LDL-C ${value} (ATP III ${atp3Category(ldl)}${enhancer ? "; risk-enhancing factor" : ""})`,
    patientTitle: enhancer ? "LDL (\"bad\") cholesterol is high" : "Your cholesterol and heart risk",
    patient,
    clinician,
    tags: [...(enhancer ? ["ldl-160-189", "risk-enhancer"] : []), ...(riskBased ? ["ldl-70-189", "age-40-75", "risk-estimation"] : [])],
    ask: riskBased || ctx.age === undefined ? "Can we work out my heart risk and decide if I need a cholesterol medicine?" : "What can I do to lower my LDL cholesterol?",
    query: `primary prevention LDL ${enhancer ? "160-189 risk-enhancing factor" : ""} ${riskBased ? "10-year ASCVD risk pooled cohort equations risk discussion" : ""}`.replace(/\s+/g, " ").trim(),
  };
}

function cholesterol(panel: Panel, ctx: Context): Finding | null {
  const ldlValue = panel.get("ldl-cholesterol");
  const ldl = ldlValue?.value ?? undefined;
  const nonHdl = panel.value("non-hdl-cholesterol");
  const hdl = panel.value("hdl-cholesterol");
  const hdlCut = hdlLowCut(ctx.sex);
  const hdlLow = hdl !== undefined && hdlCut !== undefined && hdl < hdlCut;
  const nonHdlHigh = nonHdl !== undefined && nonHdl >= NON_HDL_ENHANCER && !ctx.ascvd;

  const how = ldlValue?.derived && ldlValue.formula ? ` (calculated: ${ldlValue.formula})` : "";
  const read = ldl !== undefined ? readLdl(ldl, how, ctx, resultText(ldlValue!, 0)) : null;
  // Non-HDL-C stands in for LDL-C when it adds a risk-enhancing factor LDL-C did not already give.
  const nonHdlAdds = nonHdlHigh && !(read?.tags.includes("ldl-160-189") || read?.tags.includes("ldl-190-or-more"));
  const tc = panel.value("total-cholesterol");
  const tcHigh = tc !== undefined && tc >= TC_HIGH;
  if (!read && !nonHdlAdds && !hdlLow && !tcHigh) return null;

  const severities: Severity[] = [];
  const titles: string[] = [];
  const patient: Statement[] = [];
  const clinician: Statement[] = [];
  const tags = ["lipids"];
  if (ldl !== undefined) tags.push("ldl");
  if (read) {
    severities.push(read.severity);
    titles.push(read.title);
    patient.push(...read.patient);
    // A calculated LDL-C cites its equation (Sampson, the only one derive-panel uses) with the first sentence.
    const formulaSource = ldlValue?.derived ? (ldlValue.formulaSource ?? "sampsonLdl2020") : undefined;
    clinician.push(...read.clinician.map((s, i) => (i === 0 && formulaSource ? { ...s, sources: [...s.sources, formulaSource] } : s)));
    tags.push(...read.tags);
  }
  if (nonHdl !== undefined && (read || nonHdlAdds)) {
    clinician.push({
      text: `Non-HDL-C ${mg(nonHdl)}${nonHdlHigh ? ` (≥ ${NON_HDL_ENHANCER} mg/dL; 190–219 with LDL-C 160–189 is the guideline's primary-hypercholesterolaemia risk-enhancing factor)` : ""}.`,
      sources: nonHdlHigh ? ["grundyCholesterol2018"] : ["ncepAtp3"],
    });
  }
  if (nonHdlAdds) {
    severities.push("moderate");
    titles.push(`Non-HDL-C ${mg(nonHdl!)} (≥ ${NON_HDL_ENHANCER}: risk-enhancing factor)`);
    patient.push({
      text: `Your non-HDL cholesterol is ${mg(nonHdl!)}. It counts all the kinds of cholesterol that can clog blood vessels. A level of ${NON_HDL_ENHANCER} or more, if it stays that high, adds to the chance of heart disease.`,
      sources: ["grundyCholesterol2018"],
    });
    tags.push("non-hdl-190-or-more", "risk-enhancer");
  }
  if (tcHigh) {
    // LDL-C is what treatment decisions use; total cholesterol leads only when there is no LDL-C reading.
    severities.push(read ? "info" : "moderate");
    titles.push(`Total cholesterol ${mg(tc!)} high (≥ ${TC_HIGH})`);
    patient.push({
      text: `Your total cholesterol is ${mg(tc!)}. That is high: ${TC_HIGH} or more. Total cholesterol counts all the cholesterol in your blood, the good and the bad kinds.`,
      sources: ["ncepAtp3"],
    });
    clinician.push({
      text: `Total cholesterol ${mg(tc!)}: ATP III high (≥ ${TC_HIGH} mg/dL; 200–239 borderline high).${ldl === undefined ? " No LDL-C in this panel: LDL-C (measured or calculated with HDL-C and triglycerides) is what the statin decision rests on." : ""}`,
      sources: ldl === undefined ? ["ncepAtp3", "grundyCholesterol2018"] : ["ncepAtp3"],
    });
    tags.push("total-cholesterol-high");
  }
  if (hdlLow) {
    const who = ctx.sex === "female" ? "women" : ctx.sex === "male" ? "men" : "adults";
    severities.push("info");
    titles.push(`HDL-C ${resultText(panel.get("hdl-cholesterol")!, 0)} low (< ${hdlCut})`);
    patient.push({
      text: `Your HDL ("good") cholesterol is ${resultText(panel.get("hdl-cholesterol")!, 0)}. That is lower than the usual ${hdlCut} or more for ${who}. HDL helps carry extra cholesterol away from your blood vessels.`,
      sources: ["ncepAtp3"],
    });
    clinician.push({
      text: `HDL-C ${resultText(panel.get("hdl-cholesterol")!, 0)} < ${hdlCut} mg/dL${ctx.sex ? ` (${ctx.sex})` : " (sex unknown: the lower, male cut point)"}: low; one of the five metabolic-syndrome components (3 of 5 make the syndrome, a 2018 AHA/ACC risk-enhancing factor).`,
      sources: ["ncepAtp3", "grundyCholesterol2018"],
    });
    tags.push("hdl-low");
  }
  const severity = worst(severities);
  return {
    id: "lipids.cholesterol",
    severity,
    title: titles.join("; "),
    patientTitle: read?.patientTitle ?? (nonHdlAdds || tcHigh ? "Cholesterol is higher than ideal" : "HDL (\"good\") cholesterol is low"),
    analytes: [
      ...(ldl !== undefined ? ["ldl-cholesterol"] : []),
      ...(nonHdl !== undefined && (read || nonHdlAdds) ? ["non-hdl-cholesterol"] : []),
      ...(hdlLow ? ["hdl-cholesterol"] : []),
      ...(tcHigh ? ["total-cholesterol"] : []),
      ...(ldlValue?.derived || panel.get("non-hdl-cholesterol")?.derived ? ["total-cholesterol", "hdl-cholesterol", ...(ldlValue?.derived ? ["triglycerides"] : [])] : []),
    ].filter((code, i, all) => all.indexOf(code) === i),
    patient,
    clinician,
    ask: read?.ask ?? (nonHdlAdds ? "What does my non-HDL cholesterol mean for my heart health?" : tcHigh ? "What does my high cholesterol mean for my heart health, and do I need an LDL test?" : "What does my low HDL cholesterol mean for my heart health?"),
    guidance: { query: [read?.query, nonHdlAdds ? "non-HDL cholesterol risk-enhancing factor" : "", hdlLow ? "low HDL metabolic syndrome" : "", tcHigh ? "high total cholesterol" : ""].filter(Boolean).join(" "), tags },
  };
}

function triglycerides(panel: Panel, ctx: Context): Finding | null {
  const tg = panel.value("triglycerides");
  if (tg === undefined || tg < TG_ENHANCER) return null;
  const severe = tg >= TG_SEVERE;
  const verySevere = tg >= TG_VERY_SEVERE;
  const value = resultText(panel.get("triglycerides")!, 0);
  const tags = ["lipids", "triglycerides", severe ? "tg-500-or-more" : "tg-175-499"];
  if (verySevere) tags.push("tg-1000-or-more");
  if (!ctx.ascvd) tags.push("risk-enhancer");

  const clinician: Statement[] = severe
    ? [
        {
          text: `Triglycerides ${value} ≥ ${TG_SEVERE} mg/dL: severe hypertriglyceridaemia${verySevere ? ` (≥ ${TG_VERY_SEVERE} mg/dL, the level the guideline singles out)` : ""}, with risk of acute pancreatitis. 2018 AHA/ACC: identify and address other causes; if persistent or rising, very low-fat diet, avoidance of refined carbohydrates and alcohol, omega-3 fatty acids and, if needed to prevent acute pancreatitis, fibrate therapy.`,
          sources: ["grundyCholesterol2018"],
        },
      ]
    : [
        {
          text: `Triglycerides ${value} (175–499 mg/dL, fasting or nonfasting): moderate hypertriglyceridaemia${ctx.ascvd ? "" : "; if persistent, a risk-enhancing factor"}. 2018 AHA/ACC: address lifestyle factors (obesity, metabolic syndrome), secondary factors (diabetes, chronic liver or kidney disease, nephrotic syndrome, hypothyroidism) and triglyceride-raising medicines.${
            ctx.diabetes
              ? " Diabetes is recorded: one of these secondary factors."
              : ctx.diabetesRange.length
                ? ` ${ctx.diabetesRange.join(" and ")} in this panel in the diabetes range: possible diabetes, one of these secondary factors.`
                : ""
          }`,
          sources: ["grundyCholesterol2018"],
        },
      ];
  if (!severe && ctx.midlife && !ctx.ascvd) {
    clinician.push({
      text: "Age 40–75: with 10-year ASCVD risk ≥ 7.5%, a persistently elevated triglyceride level favours starting or intensifying statin therapy once lifestyle and secondary factors are addressed.",
      sources: ["grundyCholesterol2018"],
    });
  }
  if (tg > SAMPSON_TG_LIMIT && !panel.get("ldl-cholesterol")) {
    clinician.push({
      text: `No LDL-C: the Sampson equation is not valid above triglycerides ${SAMPSON_TG_LIMIT} mg/dL, so LDL-C needs direct measurement.`,
      sources: ["sampsonLdl2020"],
    });
  }
  return {
    id: "lipids.triglycerides",
    severity: severe ? "high" : "moderate",
    title: `Triglycerides ${value}: ${verySevere ? `very severe hypertriglyceridaemia (≥ ${TG_VERY_SEVERE})` : severe ? `severe hypertriglyceridaemia (≥ ${TG_SEVERE})` : "moderate hypertriglyceridaemia (175–499)"}`,
    patientTitle: severe ? "Blood fats (triglycerides) are very high" : "Blood fats (triglycerides) are high",
    analytes: ["triglycerides"],
    patient: severe
      ? [
          {
            text: `Your triglycerides are ${value}. Triglycerides are the most common fat in your blood. This is very high: ${TG_SEVERE} or more.`,
            sources: ["grundyCholesterol2018"],
          },
          {
            text: "Levels this high can cause pancreatitis, a painful swelling of the pancreas (an organ near your stomach). It is worth talking with your doctor soon.",
            sources: ["grundyCholesterol2018"],
          },
        ]
      : [
          {
            text: `Your triglycerides are ${value}. Triglycerides are the most common fat in your blood. A level of ${TG_ENHANCER} or more, if it stays that high, adds to the chance of heart disease.`,
            sources: ["grundyCholesterol2018"],
          },
          {
            text: "Weight, food, alcohol, some medicines and some health problems can raise triglycerides.",
            sources: ["grundyCholesterol2018"],
          },
        ],
    clinician,
    ask: severe ? "What should I do now to bring my triglycerides down?" : "What might be raising my triglycerides, and should they be checked again?",
    guidance: {
      query: severe ? "severe hypertriglyceridemia 500 1000 pancreatitis fibrate omega-3 very low-fat diet" : "moderate hypertriglyceridemia 175 secondary causes lifestyle risk-enhancing factor",
      tags,
    },
  };
}

function markers(panel: Panel, ctx: Context): Finding | null {
  const mass = panel.value("lipoprotein-a-mass");
  const molar = panel.value("lipoprotein-a-molar");
  const apob = panel.value("apolipoprotein-b");
  const massHigh = mass !== undefined && mass >= LPA_MASS;
  const molarHigh = molar !== undefined && molar >= LPA_MOLAR;
  const lpaHigh = massHigh || molarHigh;
  const apobHigh = apob !== undefined && apob >= APOB_ENHANCER;
  if (!lpaHigh && !apobHigh) return null;

  const lpaText = [massHigh ? withUnit(mass!, "mg/dL", 0) : null, molarHigh ? withUnit(molar!, "nmol/L", 0) : null].filter(Boolean).join(" and ");
  const tags = ["lipids"];
  if (lpaHigh) tags.push("lpa-elevated");
  if (apobHigh) tags.push("apob-elevated");
  if (!ctx.ascvd) tags.push("risk-enhancer");

  const titles = [...(lpaHigh ? [`Lp(a) ${lpaText} (≥ ${LPA_MASS} mg/dL or ≥ ${LPA_MOLAR} nmol/L)`] : []), ...(apobHigh ? [`apoB ${resultText(panel.get("apolipoprotein-b")!, 0)} (≥ ${APOB_ENHANCER})`] : [])];
  const patient: Statement[] = [];
  const clinician: Statement[] = [];
  if (lpaHigh) {
    patient.push({
      text: `Your lipoprotein(a) is ${lpaText}. It is a particle in your blood that carries cholesterol, and its level is mostly set by the genes you were born with. A level of ${LPA_MASS} mg/dL (or ${LPA_MOLAR} nmol/L) or more adds to the chance of heart disease.`,
      sources: ["grundyCholesterol2018"],
    });
    clinician.push({
      text: `Lp(a) ${lpaText}: ≥ ${LPA_MASS} mg/dL or ≥ ${LPA_MOLAR} nmol/L is a 2018 AHA/ACC risk-enhancing factor, especially at higher levels (mass and molar results are not interconvertible).`,
      sources: ["grundyCholesterol2018"],
    });
  }
  if (apobHigh) {
    patient.push({
      text: `Your apolipoprotein B is ${resultText(panel.get("apolipoprotein-b")!, 0)}. It counts the particles that carry cholesterol into the walls of blood vessels. A level of ${APOB_ENHANCER} or more adds to the chance of heart disease.`,
      sources: ["grundyCholesterol2018"],
    });
    clinician.push({
      text: `apoB ${resultText(panel.get("apolipoprotein-b")!, 0)} ≥ ${APOB_ENHANCER} mg/dL: a 2018 AHA/ACC risk-enhancing factor (corresponds to LDL-C ≥ 160 mg/dL).`,
      sources: ["grundyCholesterol2018"],
    });
  }
  patient.push({
    text: ctx.ascvd
      ? "Your doctor can weigh this along with your heart history and your other results."
      : "It is one of several things doctors weigh when deciding whether a cholesterol medicine would help.",
    sources: ["grundyCholesterol2018"],
  });
  clinician.push({
    text: ctx.ascvd
      ? "Clinical ASCVD recorded: statin therapy is indicated irrespective of risk-enhancing factors."
      : "In adults 40–75 at borderline (5–< 7.5%) or intermediate (7.5–< 20%) 10-year risk, risk-enhancing factors favour starting a statin.",
    sources: ["grundyCholesterol2018"],
  });
  return {
    id: "lipids.lipoprotein-markers",
    severity: "moderate",
    title: titles.join("; "),
    patientTitle: lpaHigh && apobHigh ? "Two cholesterol particle tests are high" : lpaHigh ? "Lipoprotein(a) is high" : "Apolipoprotein B is high",
    analytes: [...(massHigh ? ["lipoprotein-a-mass"] : []), ...(molarHigh ? ["lipoprotein-a-molar"] : []), ...(apobHigh ? ["apolipoprotein-b"] : [])],
    patient,
    clinician,
    ask: lpaHigh ? "What does my lipoprotein(a) level mean for my heart risk?" : "What does my apolipoprotein B level mean for my heart risk?",
    guidance: { query: `${lpaHigh ? "lipoprotein(a) Lp(a) 50 mg/dL 125 nmol/L" : ""} ${apobHigh ? "apolipoprotein B 130" : ""} risk-enhancing factor statin`.trim(), tags },
  };
}
