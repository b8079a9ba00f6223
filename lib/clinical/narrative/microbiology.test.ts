import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { panelOf } from "../test-support";
import { clinicianNarrative } from "./clinician";
import type { Culture } from "./microbiology";
import { patientNarrative } from "./patient";

const URINE: Culture = {
  test: "Urine culture",
  specimen: "Urine",
  organism: "Escherichia coli",
  quantity: ">100,000 CFU/mL",
  observedAt: "2025-01-10T08:00:00.000Z",
  resultStatus: "preliminary",
  susceptibilities: [
    { antibiotic: "Ampicillin", mic: ">=32", interpretation: "R", method: "MIC" },
    { antibiotic: "Nitrofurantoin", mic: "<=16", interpretation: "S", method: "MIC" },
    { antibiotic: "Cefazolin", mic: "4", interpretation: "SDD" },
    { antibiotic: "Ciprofloxacin", mic: "0.5", interpretation: "I" },
  ],
};

function texts(cultures: Culture[], results: Parameters<typeof panelOf>[1] = []) {
  const panel = panelOf({}, results);
  const interpretation = interpret(panel, {});
  return { patient: patientNarrative(interpretation, panel, cultures), clinician: clinicianNarrative(interpretation, panel, { cultures }) };
}

const citationsResolve = (narrative: { markdown: string; citations: Record<string, unknown> }) => {
  const used = [...new Set([...narrative.markdown.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))];
  expect(Object.keys(narrative.citations).sort()).toEqual(used.sort());
};

describe("the Microbiology section", () => {
  it("gives the clinician a table per culture: organism, specimen, MIC as printed, the lab's category, preliminary marked", () => {
    const { clinician } = texts([URINE]);
    expect(clinician.markdown).toMatch(/^\*\*Summary:\*\* 1 culture result: Escherichia coli\./);
    expect(clinician.markdown).toContain("## Microbiology");
    expect(clinician.markdown).toContain("### Urine culture: Escherichia coli");
    expect(clinician.markdown).toContain("Specimen: Urine; quantity: \\>100,000 CFU/mL; collected 2025-01-10.");
    expect(clinician.markdown).toContain("**Preliminary**");
    expect(clinician.markdown).toContain("| Ampicillin | \\>=32 | Resistant | MIC |");
    expect(clinician.markdown).toContain("| Nitrofurantoin | \\<=16 | Susceptible | MIC |");
    expect(clinician.markdown).toContain("| Cefazolin | 4 | Susceptible-dose dependent | — |");
    expect(clinician.markdown).toContain("| Ciprofloxacin | 0.5 | Intermediate | — |");
    expect(Object.values(clinician.citations).map((c) => c.title)).toEqual([expect.stringMatching(/CLSI supplement M100/), expect.stringMatching(/EUCAST/)]);
    citationsResolve(clinician);
  });

  it("tells the patient what grew, from which sample, what the lab tested, and that their clinician decides, without advice", () => {
    const { patient } = texts([URINE]);
    expect(patient.markdown).not.toMatch(/We looked at 0 results/);
    expect(patient.markdown).toContain("The lab grew a germ called **Escherichia coli** from your urine sample");
    expect(patient.markdown).toContain("This result is not final yet");
    expect(patient.markdown).toContain("The lab then tested 4 antibiotics");
    expect(patient.markdown).toContain("- This one did not work against Escherichia coli in the test (resistant): Ampicillin.");
    expect(patient.markdown).toContain("- This one worked against Escherichia coli in the test (susceptible): Nitrofurantoin.");
    expect(patient.markdown).toContain("Your clinician will decide whether you need treatment");
    expect(patient.markdown).not.toMatch(/\b(take|stop|start|switch|use)\b[^.]*\b(antibiotic|medicine|medication|tablets?)\b/i);
    citationsResolve(patient);
  });

  it("says what the lab found when nothing grew, and cites nothing it does not state", () => {
    const { patient, clinician } = texts([{ test: "Blood culture", specimen: "Blood", finding: "No growth after 5 days", susceptibilities: [] }]);
    expect(patient.markdown).toContain("The lab's culture of your blood sample reported: “No growth after 5 days”.");
    expect(clinician.markdown).toContain("### Blood culture: No growth after 5 days");
    expect(patient.citations).toEqual({});
    expect(clinician.citations).toEqual({});
  });

  it("escapes organism, antibiotic and comment text from the file so it cannot become a link, table cell or emphasis", () => {
    const hostile: Culture = {
      test: "Culture",
      organism: "*E. coli* [click](https://evil.example)",
      susceptibilities: [{ antibiotic: "Amp|icillin <b>", mic: "<=2", interpretation: "S" }],
      notes: "# heading | cell",
    };
    const { patient, clinician } = texts([hostile]);
    for (const markdown of [patient.markdown, clinician.markdown]) {
      expect(markdown).not.toContain("[click](https://evil.example)");
      expect(markdown).not.toContain("*E. coli*");
      expect(markdown).not.toContain("<b>");
    }
    expect(clinician.markdown).toContain("| Amp\\|icillin \\<b\\> | \\<=2 | Susceptible |");
    expect(clinician.markdown).toContain("Laboratory comment: \\# heading \\| cell");
  });

  it("adds the section to a report that also has chemistry, keeping the chemistry summary", () => {
    const { clinician, patient } = texts([URINE], [{ name: "Glucose", value: 142, unit: "mg/dL" }]);
    expect(clinician.markdown).toMatch(/^\*\*Summary:\*\* 1 result/);
    expect(clinician.markdown).toContain("## Microbiology");
    expect(patient.markdown).toMatch(/We looked at 1 result\./);
    citationsResolve(clinician);
    citationsResolve(patient);
  });
});
