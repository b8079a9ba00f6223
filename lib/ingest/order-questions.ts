/**
 * "Ask at order entry" (AOE) questions: facts about the patient or the order that electronic lab reports
 * carry as OBX segments beside the results (HL7 v2.5.1 ELR; the CDC's list of LOINC codes for AOE questions
 * in public-health reporting). They are answers, not measurements: "Age at specimen collection 29 a" or
 * "Current employment: food handler" read as lab results would be flagged, trended and, worse, repeat
 * personal details in the texts. Identified by LOINC only — a name alone is not enough to drop an OBX.
 */
const ORDER_QUESTIONS: ReadonlyMap<string, string> = new Map([
  ["35659-2", "age at specimen collection"],
  ["30525-0", "age"],
  ["21612-7", "age (reported)"],
  ["11294-6", "current employment"],
  ["85658-3", "occupation"],
  ["11449-6", "pregnancy status"],
  ["82810-3", "pregnancy status"],
  ["65222-2", "date of symptom onset"],
  ["95419-8", "symptomatic as defined by CDC"],
  ["77974-4", "hospitalised for this condition"],
  ["95420-6", "admitted to intensive care"],
  ["95421-4", "resides in a congregate care setting"],
  ["95418-0", "employed in a healthcare setting"],
  ["76691-5", "gender identity"],
  ["72166-2", "tobacco smoking status"],
]);

/** What an AOE answer is about, or undefined when the LOINC code is a result. */
export function orderQuestion(loinc: string | undefined): string | undefined {
  return loinc ? ORDER_QUESTIONS.get(loinc) : undefined;
}
