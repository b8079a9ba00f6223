/**
 * The Microbiology section of both texts: each culture with its organism (or what the lab found instead),
 * specimen and colony count, and the antibiotics the lab tested against it — MIC as printed and the lab's own
 * S/I/R category. Labwise never re-reads an MIC against a breakpoint and never advises a treatment: the
 * clinician gets the lab's table, the patient plain words and the fact that their clinician decides.
 * Every string from the file is escaped (escape.ts); the wording is Labwise's own Markdown.
 */
import { Citations, cited } from "./citations";
import { escapeMarkdown } from "./escape";

export type SusceptibilityCategory = "S" | "I" | "R" | "SDD" | "NS";

/** One culture as extraction stored it (lib/ingest's MicrobiologyResult; the engine imports nothing of ours). */
export interface Culture {
  test: string;
  loinc?: string;
  specimen?: string;
  organism?: string;
  finding?: string;
  quantity?: string;
  observedAt?: string;
  resultStatus?: "preliminary" | "corrected";
  susceptibilities: readonly { antibiotic: string; mic?: string; interpretation?: SusceptibilityCategory; method?: string }[];
  notes?: string;
}

/** The categories in words (CLSI M100 names them so; EUCAST's "I" since 2019 is "susceptible, increased exposure"). */
const CATEGORY: Record<SusceptibilityCategory, { clinician: string; patient: (germ: string) => string }> = {
  S: { clinician: "Susceptible", patient: (germ) => `worked against ${germ} in the test (susceptible)` },
  SDD: { clinician: "Susceptible-dose dependent", patient: (germ) => `worked against ${germ} depending on the dose (susceptible-dose dependent)` },
  I: { clinician: "Intermediate", patient: () => "came out in between (intermediate)" },
  R: { clinician: "Resistant", patient: (germ) => `did not work against ${germ} in the test (resistant)` },
  NS: { clinician: "Non-susceptible", patient: (germ) => `did not work well against ${germ} in the test (non-susceptible)` },
};
const ORDER: SusceptibilityCategory[] = ["S", "SDD", "I", "R", "NS"];

const STATUS = {
  preliminary: { clinician: "**Preliminary** — the laboratory may still add to or change this result.", patient: "This result is not final yet: the lab may still add to it or change it." },
  corrected: { clinician: "**Corrected** — the laboratory corrected this result after first reporting it.", patient: "The lab corrected this result after it first sent it." },
} as const;

const CLINICIAN_CATEGORIES =
  "S, I and R are the laboratory's interpretive categories against clinical breakpoints for this organism and drug: susceptible, intermediate (EUCAST since 2019: susceptible, increased exposure), resistant; SDD is susceptible-dose dependent.";
const PATIENT_CATEGORIES = "In these lab tests, “susceptible” means the medicine stopped the germ at levels a usual dose reaches, and “resistant” means it did not.";
const PATIENT_DECIDES = "Your clinician will decide whether you need treatment, and which medicine is right for you.";

const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : undefined);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const what = (culture: Culture) => escapeMarkdown(culture.organism ?? culture.finding ?? "no organism reported");

/** One line for the clinician's summary when the report holds cultures and no other results. */
export function microbiologySummary(cultures: readonly Culture[]): string {
  return `**Summary:** ${count(cultures.length, "culture result")}: ${cultures.map(what).join("; ")}. No chemistry or haematology results in this report.`;
}

/** The clinician's section: a heading and table per culture. [] when there are no cultures. */
export function clinicianMicrobiology(cultures: readonly Culture[], citations: Citations): string[] {
  if (cultures.length === 0) return [];
  const lines = ["## Microbiology", ""];
  if (cultures.some((c) => c.susceptibilities.some((s) => s.interpretation))) {
    lines.push(cited(citations, CLINICIAN_CATEGORIES, ["clsiM100", "eucastSir2019"]), "");
  }
  for (const culture of cultures) {
    lines.push(`### ${escapeMarkdown(culture.test)}: ${what(culture)}`, "");
    const details = [
      culture.specimen ? `Specimen: ${escapeMarkdown(culture.specimen)}` : undefined,
      culture.quantity ? `quantity: ${escapeMarkdown(culture.quantity)}` : undefined,
      date(culture.observedAt) ? `collected ${date(culture.observedAt)}` : undefined,
    ].filter(Boolean);
    if (details.length) lines.push(`${details.join("; ")}.`, "");
    if (culture.resultStatus) lines.push(STATUS[culture.resultStatus].clinician, "");
    if (culture.susceptibilities.length) {
      const withMethod = culture.susceptibilities.some((s) => s.method);
      lines.push(withMethod ? "| Antibiotic | MIC | Interpretation | Method |" : "| Antibiotic | MIC | Interpretation |", withMethod ? "|---|---|---|---|" : "|---|---|---|");
      for (const s of culture.susceptibilities) {
        const cells = [escapeMarkdown(s.antibiotic), s.mic ? escapeMarkdown(s.mic) : "—", s.interpretation ? CATEGORY[s.interpretation].clinician : "Not reported"];
        if (withMethod) cells.push(s.method ? escapeMarkdown(s.method) : "—");
        lines.push(`| ${cells.join(" | ")} |`);
      }
      lines.push("");
    }
    if (culture.notes) lines.push(`Laboratory comment: ${escapeMarkdown(culture.notes)}`, "");
  }
  return lines;
}

/** The patient's section, in plain words and without advice. [] when there are no cultures. */
export function patientMicrobiology(cultures: readonly Culture[], citations: Citations): string[] {
  if (cultures.length === 0) return [];
  const lines = ["## Germ culture (microbiology)", ""];
  let explained = false;
  for (const culture of cultures) {
    // "Urine specimen" → "your urine sample".
    const kind = culture.specimen?.replace(/\s*\b(specimen|sample)\b\s*/gi, " ").trim().toLowerCase();
    const sample = kind ? `your ${escapeMarkdown(kind)} sample` : "your sample";
    const sentences = [
      culture.organism
        ? `The lab grew a germ called **${escapeMarkdown(culture.organism)}** from ${sample}${culture.quantity ? ` (amount: ${escapeMarkdown(culture.quantity)})` : ""}.`
        : `The lab's culture of ${sample} reported: “${escapeMarkdown(culture.finding ?? "no germ named")}”.`,
    ];
    if (culture.resultStatus) sentences.push(STATUS[culture.resultStatus].patient);
    lines.push(sentences.join(" "), "");
    const tested = culture.susceptibilities;
    if (tested.length) {
      lines.push(`The lab then tested ${count(tested.length, "antibiotic")} to see which ones work against this germ:`, "");
      for (const category of ORDER) {
        const names = tested.filter((s) => s.interpretation === category).map((s) => escapeMarkdown(s.antibiotic));
        // Named, so that two germs tested against the same antibiotics never read as one repeated line.
        const germ = culture.organism ? escapeMarkdown(culture.organism) : "the germ";
        if (names.length) lines.push(`- ${names.length === 1 ? "This one" : "These"} ${CATEGORY[category].patient(germ)}: ${names.join(", ")}.`);
      }
      const unread = tested.filter((s) => !s.interpretation).map((s) => escapeMarkdown(s.antibiotic));
      if (unread.length) lines.push(`- The lab did not say how well ${unread.length === 1 ? "this one" : "these"} worked: ${unread.join(", ")}.`);
      lines.push("");
      if (!explained && tested.some((s) => s.interpretation)) {
        lines.push(cited(citations, PATIENT_CATEGORIES, ["clsiM100"]), "");
        explained = true;
      }
    }
  }
  lines.push(PATIENT_DECIDES, "");
  return lines;
}
