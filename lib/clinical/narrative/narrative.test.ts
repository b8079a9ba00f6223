import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { panelOf } from "../test-support";
import { clinicianNarrative } from "./clinician";
import { GOLDEN_CASES } from "./golden-panels";
import { patientNarrative } from "./patient";
import { readingGrade } from "./readability";

const GOLDEN_DIR = path.join(import.meta.dirname, "golden");

function render(name: string) {
  const c = GOLDEN_CASES.find((g) => g.name === name)!;
  const panel = panelOf(c.patient, c.results);
  const interpretation = interpret(panel, c.patient);
  return { interpretation, patient: patientNarrative(interpretation, panel), clinician: clinicianNarrative(interpretation, panel) };
}

/** Clinician vocabulary a patient should not meet unexplained. */
const JARGON = [
  /\bCKD\b/, /\bKDIGO\b/, /\bG[1-5][ab]?\b/, /\bA[1-3]\b/, /\bhyper\w+/i, /\bhypo\w+/i, /\betiology\b/i, /\baetiology\b/i,
  /\bdiagnosed\b/i, /\byou have (?:an? )?(?:chronic|kidney disease|diabetes|an(?:a)?emia|hypo|hyper|liver disease|thyroid disease)/i, /\bsubclinical\b/i, /\beuthyroid\b/i, /\b(?:micro|macro)cytic\b/i, /\bdyslipid/i, /\bASCVD\b/,
  /\bhepatocellular\b/i, /\bcholestatic\b/i, /\bnephro\w*/i, /\bazotemia\b/i, /\bidiopathic\b/i, /\bpathognomonic\b/i,
  /\bsequelae\b/i, /\bcontraindicat/i, /\btitrat/i, /\bprognos/i, /\bmorbidity\b/i, /\bmortality\b/i, /\bKFRE\b/, /\bACR\b/,
];

describe.each(GOLDEN_CASES.map((c) => c.name))("%s", (name) => {
  const { interpretation, patient, clinician } = render(name);

  it("matches its golden Markdown (UPDATE_GOLDEN=1 rewrites it; read the diff)", () => {
    for (const [audience, narrative] of [["patient", patient], ["clinician", clinician]] as const) {
      const file = path.join(GOLDEN_DIR, `${name}.${audience}.md`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${narrative.markdown}\n`);
      expect(`${narrative.markdown}\n`).toBe(readFileSync(file, "utf8"));
    }
  });

  it("numbers its citations from 1 in order of use, each resolving, none unused", () => {
    for (const narrative of [patient, clinician]) {
      const used = [...narrative.markdown.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
      const firstUse = [...new Set(used)];
      expect(firstUse).toEqual(firstUse.map((_, i) => String(i + 1)));
      expect(Object.keys(narrative.citations).sort()).toEqual([...firstUse].sort());
      for (const citation of Object.values(narrative.citations)) {
        expect(citation.url).toMatch(/^https:\/\//);
        expect(citation.title.length).toBeGreaterThan(10);
        expect(["pubmed", "guideline"]).toContain(citation.metadata.type);
      }
    }
  });

  it("puts critical values first in both texts", () => {
    const critical = interpretation.findings.filter((f) => f.severity === "critical");
    if (!critical.length) return;
    expect(patient.markdown.indexOf(critical[0].patientTitle)).toBeLessThan(Math.min(...interpretation.findings.filter((f) => f.severity !== "critical").map((f) => patient.markdown.indexOf(f.patientTitle)).concat(Infinity)));
    expect(clinician.markdown.indexOf("## Critical values")).toBeLessThan(clinician.markdown.indexOf("## Findings") === -1 ? Infinity : clinician.markdown.indexOf("## Findings"));
  });

  it("speaks to the patient in plain language, around grade 6–8", () => {
    for (const pattern of JARGON) expect(patient.markdown).not.toMatch(pattern);
    const { grade } = readingGrade(patient.markdown);
    expect(grade).toBeGreaterThanOrEqual(3);
    expect(grade).toBeLessThanOrEqual(8);
  });
});
