/**
 * Anaemia and iron: WHO 2024 haemoglobin cut-offs, WHO 2020 ferritin thresholds, AGA 2020 gastrointestinal
 * evaluation of iron deficiency anaemia, anaemia of inflammation (Weiss, Blood 2019) and B12 deficiency
 * (Stabler, NEJM 2013), paraphrased.
 */
import type { Claim } from "./types";

export const ANAEMIA_GUIDANCE: Claim[] = [
  {
    id: "who-hb.adjust-elevation-smoking",
    text: "Adjust haemoglobin for the elevation of the place of residence and for smoking before applying the anaemia cut-offs; do not adjust it for infection or inflammation.",
    keywords: "altitude elevation smoking adjustment haemoglobin cutoff anaemia definition WHO",
    requires: ["anaemia", "low-haemoglobin"],
    source: "who2024Haemoglobin",
  },
  {
    id: "aga-ida.ferritin-45",
    text: "In patients with anaemia, use a ferritin cut-off of 45 ng/mL rather than 15 ng/mL to diagnose iron deficiency; with inflammatory conditions or chronic kidney disease, CRP, transferrin saturation or soluble transferrin receptor may be needed alongside ferritin.",
    keywords: "ferritin 45 cutoff iron deficiency diagnosis missing measure iron studies TSAT",
    requires: ["anaemia", "ferritin-missing"],
    source: "agaIronDeficiency2020",
  },
  {
    id: "aga-ida.endoscopy-men-postmenopausal",
    text: "In asymptomatic men and postmenopausal women with iron deficiency anaemia, bidirectional endoscopy (upper endoscopy and colonoscopy) is recommended over no endoscopy.",
    keywords: "bidirectional endoscopy colonoscopy gastroscopy men postmenopausal women iron deficiency anaemia GI blood loss malignancy",
    requires: ["anaemia", "iron-deficiency-pattern", "male-or-postmenopausal"],
    source: "agaIronDeficiency2020",
  },
  {
    id: "aga-ida.endoscopy-premenopausal",
    text: "In asymptomatic premenopausal women with iron deficiency anaemia, bidirectional endoscopy is suggested over iron replacement alone; women who place more value on avoiding endoscopy may reasonably start with iron (conditional recommendation).",
    keywords: "premenopausal women endoscopy iron replacement shared decision iron deficiency anaemia",
    requires: ["anaemia", "iron-deficiency-pattern", "premenopausal"],
    source: "agaIronDeficiency2020",
  },
  {
    id: "aga-ida.coeliac-hpylori",
    text: "When coeliac disease is plausible, start with coeliac serology and biopsy the small bowel only if positive; if bidirectional endoscopy finds no cause, test non-invasively for Helicobacter pylori and treat if positive.",
    keywords: "celiac coeliac serology Helicobacter pylori H pylori non-invasive test iron deficiency anaemia cause",
    requires: ["anaemia", "iron-deficiency-pattern"],
    source: "agaIronDeficiency2020",
  },
  {
    id: "weiss-ai.treat-underlying",
    text: "Anaemia of inflammation is a diagnosis of exclusion: treat the underlying disease; coexisting iron deficiency makes the diagnosis harder, and iron with erythropoiesis-stimulating agents can improve the anaemia in many patients.",
    keywords: "anaemia of inflammation chronic disease hepcidin underlying disease iron therapy ESA low transferrin saturation",
    requires: ["anaemia", "inflammation-pattern"],
    source: "weissAnemiaInflammation2019",
  },
  {
    id: "stabler-b12.macrocytosis",
    text: "Assess B12 and folate status when red cells are large; B12 deficiency can also cause neurological features without anaemia or macrocytosis.",
    keywords: "macrocytic macrocytosis MCV B12 cobalamin folate megaloblastic",
    requires: ["anaemia", "macrocytic"],
    source: "stablerB12Deficiency2013",
  },
  {
    id: "who-ferritin.thresholds",
    text: "Ferritin below 15 µg/L (ng/mL) indicates iron deficiency in apparently healthy adults; in people with infection or inflammation the threshold is below 70 µg/L.",
    keywords: "ferritin threshold iron deficiency without anaemia low iron stores inflammation 70",
    requires: ["anaemia", "iron-deficiency-without-anaemia"],
    source: "who2020Ferritin",
  },
];
