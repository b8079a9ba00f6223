/**
 * Liver chemistries read as the ACG 2017 guideline reads them (Kwo et al.): the pattern of injury from the R
 * ratio, R = (ALT / ALT ULN) / (ALP / ALP ULN), hepatocellular at R ≥ 5, cholestatic at R ≤ 2, mixed between,
 * computed only when both enzymes are above their upper limits (a raised ALT with ALP within its range is a
 * hepatocellular pattern, a raised ALP with ALT within range a cholestatic one; never "cholestatic" over a
 * normal ALP);
 * the degree from multiples of the upper limit (borderline < 2×, mild 2–5×, moderate 5–15×, severe > 15×);
 * an AST:ALT ratio ≥ 2 (only when AST is raised) as the alcohol-associated pattern; GGT to place a raised
 * ALP in the liver; and a raised bilirubin with normal enzymes fractionated before anything is said about
 * Gilbert's syndrome. Upper limits are the lab's when it printed them (PanelValue.reference). Critical values
 * have their own rule; nothing here is graded critical.
 */
import type { Finding, Severity, Statement } from "../findings";
import type { Panel, PanelValue } from "../panel";
import { fmt, resultText } from "./format";
import type { Rule } from "./types";
import { place } from "./place";

const R_HEPATOCELLULAR = 5;
const R_CHOLESTATIC = 2;
const AST_ALT_ALCOHOL = 2;

type Pattern = "hepatocellular" | "cholestatic" | "mixed";
type Grade = "borderline" | "mild" | "moderate" | "severe";

const SEVERITY: Record<Grade, Severity> = { borderline: "borderline", mild: "moderate", moderate: "high", severe: "high" };
const GRADE_RANGE: Record<Grade, string> = { borderline: "< 2× ULN", mild: "2–5× ULN", moderate: "5–15× ULN", severe: "> 15× ULN" };
const GRADE_TAG: Record<Grade, string> = { borderline: "enzymes-under-2x", mild: "enzymes-2-to-5x", moderate: "enzymes-5-to-15x", severe: "enzymes-over-15x" };


/**
 * The upper limit the value is read against: the bound the panel holds (the lab's, else the catalogue's), else
 * the one the lab printed ("7-56", "<41", "≤ 41 U/L") when the enzyme is in U/L, so a printed limit is never
 * reported as missing.
 */
export function upperLimit(v: PanelValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.reference?.high !== undefined) return v.reference.high;
  const text = v.reference?.text?.trim();
  if (!text || v.unit !== "U/L") return undefined;
  const m = /^(?:(?:<=?|≤)\s*(\d+(?:\.\d+)?)|\d+(?:\.\d+)?\s*[-–]\s*(\d+(?:\.\d+)?))\s*(?:I?U\/L)?$/i.exec(text);
  const high = m ? Number(m[1] ?? m[2]) : NaN;
  return high > 0 ? high : undefined;
}

/** Value as a multiple of the upper limit of normal, when both are known. */
function multiple(v: PanelValue | undefined): number | null {
  const uln = upperLimit(v);
  return v && v.value !== null && uln !== undefined && uln > 0 ? v.value / uln : null;
}

/** ACG degree of elevation, by multiples of ULN. */
export function gradeOf(times: number): Grade {
  return times < 2 ? "borderline" : times <= 5 ? "mild" : times <= 15 ? "moderate" : "severe";
}

/** The R ratio rounded to one decimal, and its pattern read from the rounded value so text and class agree. */
export function rRatio(altTimes: number, alpTimes: number): { r: number; pattern: Pattern } {
  const r = Math.round((altTimes / alpTimes) * 10) / 10;
  return { r, pattern: r >= R_HEPATOCELLULAR ? "hepatocellular" : r <= R_CHOLESTATIC ? "cholestatic" : "mixed" };
}

export const liverRule: Rule = (panel) => {
  const alt = panel.get("alt");
  const ast = panel.get("ast");
  const alp = panel.get("alkaline-phosphatase");
  const findings: Finding[] = [];
  const altHigh = place(alt) === "high";
  const astHigh = place(ast) === "high";
  const alpHigh = place(alp) === "high";
  if (altHigh || alpHigh) findings.push(enzymePattern(panel, alt, ast, alp));
  else if (astHigh && ast) findings.push(astOnly(ast, alt));
  if (place(panel.get("bilirubin-total")) === "high" && !altHigh && !alpHigh && !astHigh) {
    findings.push(isolatedBilirubin(panel, [alt, ast, alp].some((v) => v?.value != null)));
  }
  return findings;
};

const n = (v: PanelValue | undefined, digits = 0) => fmt(v?.value ?? 0, digits);
const uln = (v: PanelValue | undefined) => fmt(upperLimit(v) ?? 0, 0);

function enzymePattern(panel: Panel, alt: PanelValue | undefined, ast: PanelValue | undefined, alp: PanelValue | undefined): Finding {
  const altX = multiple(alt);
  const alpX = multiple(alp);
  const astX = place(ast) === "high" ? multiple(ast) : null;
  const altHigh = place(alt) === "high";
  const alpHigh = place(alp) === "high";
  // The R ratio only from enzymes above their limits; one raised enzyme with the other in range names its pattern.
  const ratio = altHigh && alpHigh && altX !== null && alpX !== null ? rRatio(altX, alpX) : null;
  const single: Pattern | null = ratio ? null : altHigh && altX !== null && place(alp) === "normal" ? "hepatocellular" : alpHigh && alpX !== null && place(alt) === "normal" ? "cholestatic" : null;
  const pattern = ratio?.pattern ?? single;

  const elevated = [altHigh ? altX : null, astX, alpHigh ? alpX : null].filter((x): x is number => x !== null);
  const top = elevated.length ? Math.max(...elevated) : null;
  const grade = top !== null ? gradeOf(top) : null;

  const tags = ["liver", "liver-enzymes-high", pattern ?? "pattern-unclassified"];
  if (altHigh) tags.push("alt-high");
  if (alpHigh) tags.push("alp-high");
  if (grade) tags.push(GRADE_TAG[grade]);
  const missing = alp?.value == null ? "alp-missing" : alt?.value == null ? "alt-missing" : "uln-missing";
  if (!pattern) tags.push(missing);
  const noLimit = [altHigh && altX === null ? "ALT" : null, alpHigh && alpX === null ? "ALP" : null, !altHigh && place(alt) === null ? "ALT" : null, !alpHigh && place(alp) === null ? "ALP" : null].filter(Boolean);

  const patientText: Statement[] = [
    {
      text: `Some of your liver tests are higher than usual. ALT and AST are enzymes that leak out when liver cells are irritated. Alkaline phosphatase (ALP) goes up more when the flow of bile is slowed.`,
      sources: ["kwoLiverChemistries2017"],
    },
  ];
  const clinician: Statement[] = [];

  if (pattern && alt && alp) {
    const text = {
      hepatocellular: "Your results point mostly to irritated liver cells.",
      cholestatic: "Your results point mostly to the bile ducts, the small tubes that carry bile out of the liver.",
      mixed: "Your results show a mix of both patterns.",
    }[pattern];
    patientText.push({ text, sources: ["kwoLiverChemistries2017"] });
    clinician.push({
      text: ratio
        ? `R = (ALT ${n(alt)}/${uln(alt)})/(ALP ${n(alp)}/${uln(alp)}) = ${fmt(ratio.r)}: ${ratio.pattern} (R ≥ ${R_HEPATOCELLULAR} hepatocellular, ≤ ${R_CHOLESTATIC} cholestatic, between mixed).`
        : pattern === "hepatocellular"
          ? `ALT ${n(alt)} U/L above its upper limit (${uln(alt)}) with ALP ${n(alp)} U/L within its range: hepatocellular (aminotransferase-predominant) pattern; the R ratio applies when both are raised.`
          : `ALP ${n(alp)} U/L above its upper limit (${uln(alp)}) with ALT ${n(alt)} U/L within its range: cholestatic (ALP-predominant) pattern; the R ratio applies when both are raised.`,
      sources: ["kwoLiverChemistries2017"],
    });
  } else {
    const why = missing === "uln-missing" ? `no upper limit for ${noLimit.length ? noLimit.join(" or ") : "ALT or ALP"}` : missing === "alp-missing" ? "no ALP" : "no ALT";
    clinician.push({
      text: `${altHigh ? `ALT ${n(alt)} U/L` : `ALP ${n(alp)} U/L`} raised; ${why} in this panel, so the pattern cannot be classified.`,
      sources: ["kwoLiverChemistries2017"],
    });
  }

  if (grade && top !== null) {
    const which = [altHigh && altX !== null ? `ALT ${fmt(altX)}×` : null, astX !== null ? `AST ${fmt(astX)}×` : null, alpHigh && alpX !== null ? `ALP ${fmt(alpX)}×` : null]
      .filter(Boolean)
      .join(", ");
    clinician.push({ text: `${which} ULN: highest ${fmt(top)}×, ${grade} elevation (${GRADE_RANGE[grade]}).`, sources: ["kwoLiverChemistries2017"] });
    if (top >= 2) {
      patientText.push({
        text: `Your highest liver enzyme is about ${fmt(top, 0)} times the top of the usual range.`,
        sources: ["kwoLiverChemistries2017"],
      });
    }
  }

  const astAlt = astRatio(ast, alt);
  if (astAlt !== null && astAlt >= AST_ALT_ALCOHOL) {
    tags.push("ast-alt-ratio-2");
    patientText.push({
      text: "Your AST is at least twice your ALT. This pattern is often seen with heavy alcohol use, though other things can cause it too.",
      sources: ["kwoLiverChemistries2017"],
    });
    clinician.push({ text: `AST/ALT = ${n(ast)}/${n(alt)} = ${fmt(astAlt)} (≥ ${AST_ALT_ALCOHOL} with raised AST): alcohol-associated pattern.`, sources: ["kwoLiverChemistries2017"] });
  }

  if (alpHigh) {
    const ggt = panel.get("ggt");
    const g = place(ggt);
    if (g === "high") {
      tags.push("ggt-high");
      clinician.push({ text: `GGT ${n(ggt)} U/L, raised: supports a hepatic source of the ALP.`, sources: ["kwoLiverChemistries2017"] });
    } else if (g === "normal" || g === "low") {
      tags.push("ggt-normal");
      clinician.push({ text: `GGT ${n(ggt)} U/L, not raised: consider a non-hepatic (bone) source of the ALP.`, sources: ["kwoLiverChemistries2017"] });
      patientText.push({ text: "ALP also comes from bone. Your GGT, another liver enzyme, is normal, so some of the ALP may come from bone.", sources: ["kwoLiverChemistries2017"] });
    } else {
      tags.push("ggt-missing");
      clinician.push({ text: "No GGT in this panel: GGT confirms whether a raised ALP is hepatic.", sources: ["kwoLiverChemistries2017"] });
    }
  }

  const bili = panel.get("bilirubin-total");
  if (place(bili) === "high") {
    tags.push("bilirubin-high");
    clinician.push({ text: `Total bilirubin ${n(bili, 1)} mg/dL, raised alongside the enzymes.`, sources: ["kwoLiverChemistries2017"] });
  }

  patientText.push({
    text: "Many things can cause this, such as fatty liver, alcohol, some medicines and infections. Doctors often repeat the tests first.",
    sources: ["kwoLiverChemistries2017"],
  });

  const raised = [altHigh ? `ALT ${n(alt)}` : null, astX !== null ? `AST ${n(ast)}` : null, alpHigh ? `ALP ${n(alp)}` : null].filter(Boolean).join(", ");
  const title = `${raised} U/L: ${pattern ? `${pattern} pattern` : "pattern not classifiable"}${ratio ? ` (R ${fmt(ratio.r)})` : ""}${grade ? `, ${grade} elevation` : ""}`;
  return {
    id: "liver.enzyme-pattern",
    severity: grade ? SEVERITY[grade] : "borderline",
    title,
    patientTitle: "Some of your liver tests are higher than usual",
    analytes: ["alt", "ast", "alkaline-phosphatase", "ggt", "bilirubin-total"].filter((code) => panel.value(code) !== undefined),
    patient: patientText,
    clinician,
    ask: "What could be raising my liver tests, and should they be repeated or looked into further?",
    guidance: { query: `abnormal liver chemistries ${pattern ?? ""} ALT ALP ${grade ?? ""} evaluation repeat`, tags },
  };
}

function astRatio(ast: PanelValue | undefined, alt: PanelValue | undefined): number | null {
  if (place(ast) !== "high" || !ast?.value || !alt?.value) return null;
  return Math.round((ast.value / alt.value) * 10) / 10;
}

function astOnly(ast: PanelValue, alt: PanelValue | undefined): Finding {
  const times = multiple(ast);
  const ratio = astRatio(ast, alt);
  const tags = ["liver", "ast-only"];
  const clinician: Statement[] = [
    {
      text: `AST ${n(ast)} U/L${times !== null ? ` (${fmt(times)}× ULN)` : ""} raised with ${alt?.value != null ? `ALT ${n(alt)} U/L in range` : "no ALT in this panel"}: AST also comes from muscle, heart and red cells; consider a non-hepatic source.`,
      sources: ["kwoLiverChemistries2017"],
    },
  ];
  const patient: Statement[] = [
    {
      text: `Your AST is higher than usual${alt?.value != null ? ", but your ALT is not" : ""}. AST is an enzyme found in the liver and also in muscles and the heart. Hard exercise or a muscle injury can raise it.`,
      sources: ["kwoLiverChemistries2017"],
    },
  ];
  if (ratio !== null && ratio >= AST_ALT_ALCOHOL) {
    tags.push("ast-alt-ratio-2");
    clinician.push({ text: `AST/ALT = ${n(ast)}/${n(alt)} = ${fmt(ratio)} (≥ ${AST_ALT_ALCOHOL}): alcohol-associated pattern.`, sources: ["kwoLiverChemistries2017"] });
    patient.push({ text: "Your AST is at least twice your ALT. This pattern is often seen with heavy alcohol use, though other things can cause it too.", sources: ["kwoLiverChemistries2017"] });
  }
  return {
    id: "liver.ast-only",
    severity: times !== null && times >= 2 ? "moderate" : "borderline",
    title: `AST ${n(ast)} U/L raised with normal ALT`,
    patientTitle: "One liver enzyme (AST) is higher than usual",
    analytes: alt?.value != null ? ["ast", "alt"] : ["ast"],
    patient,
    clinician,
    ask: "Could my raised AST come from my muscles, and should it be repeated?",
    guidance: { query: "isolated AST elevation normal ALT muscle alcohol repeat", tags },
  };
}

/**
 * Bilirubin raised with liver enzymes that are not: the fractionation decides. A raised direct (conjugated)
 * bilirubin points to liver disease or cholestasis; a normal direct fraction is the unconjugated pattern of
 * Gilbert's syndrome or haemolysis; without it, fractionate first.
 */
function isolatedBilirubin(panel: Panel, enzymesMeasured: boolean): Finding {
  const total = panel.get("bilirubin-total")!;
  const direct = panel.get("bilirubin-direct");
  const d = place(direct);
  const kind = d === "high" ? "conjugated-bilirubin-high" : d === "normal" || d === "low" ? "unconjugated-bilirubin" : "bilirubin-unfractionated";
  const tags = ["liver", "bilirubin-high", "isolated-bilirubin", kind];
  if (!enzymesMeasured) tags.push("liver-enzymes-missing");
  const enzymes = enzymesMeasured ? "with ALT, AST and ALP not raised" : "with no liver enzymes in this panel";
  const T = `Total bilirubin ${resultText(total)} (ULN ${fmt(total.reference?.high ?? 0, 1)})`;
  const D = direct?.value != null ? `, direct ${resultText(direct)} (${fmt((direct.value / (total.value ?? 1)) * 100, 0)}% of total)` : "";

  const byKind = {
    "conjugated-bilirubin-high": {
      severity: "moderate" as Severity,
      title: `${T}: raised conjugated bilirubin`,
      patient: "Your bilirubin is higher than usual, and so is the part the liver has already processed. This can happen when bile does not drain well, so your clinician will want to look into it.",
      clinician: `${T}${D} ${enzymes}: conjugated hyperbilirubinaemia implies hepatocellular disease or cholestasis; needs evaluation.`,
      ask: "Why is my processed bilirubin high, and do I need more tests or a scan?",
    },
    "unconjugated-bilirubin": {
      severity: "borderline" as Severity,
      title: `${T}: predominantly unconjugated, liver enzymes not raised`,
      patient: "Your bilirubin is higher than usual, and most of it is the kind the liver has not processed yet. This pattern can happen with Gilbert's syndrome, a common and harmless trait. Your clinician may check that red blood cells are not breaking down too fast.",
      clinician: `${T}${D} ${enzymes}: unconjugated pattern; consistent with Gilbert's syndrome once haemolysis and drug causes are excluded.`,
      ask: "Could this be Gilbert's syndrome, and do I need any tests to rule out other causes?",
    },
    "bilirubin-unfractionated": {
      severity: "borderline" as Severity,
      title: `${T}: raised, not fractionated`,
      patient: "Your bilirubin, a yellow substance the liver clears, is higher than usual. A test that splits it into its two parts would show what this means.",
      clinician: `${T} ${enzymes}, no direct bilirubin in this panel: fractionate into direct and indirect bilirubin before interpreting.`,
      ask: "Should my bilirubin be tested again, split into its two parts?",
    },
  }[kind];

  return {
    id: "liver.isolated-bilirubin",
    severity: byKind.severity,
    title: byKind.title,
    patientTitle: "Your bilirubin is higher than usual",
    analytes: direct?.value != null ? ["bilirubin-total", "bilirubin-direct"] : ["bilirubin-total"],
    patient: [{ text: byKind.patient, sources: ["kwoLiverChemistries2017"] }],
    clinician: [{ text: byKind.clinician, sources: ["kwoLiverChemistries2017"] }],
    ask: byKind.ask,
    guidance: { query: `isolated hyperbilirubinemia ${kind.replace(/-/g, " ")} fractionate Gilbert haemolysis`, tags },
  };
}
