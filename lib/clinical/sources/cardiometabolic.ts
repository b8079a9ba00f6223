/**
 * Sources behind the glycaemia and lipid rules. The 2018 AHA/ACC cholesterol guideline (`grundyCholesterol2018`)
 * and NCEP ATP III (`ncepAtp3`) are in `reference.ts`, because the catalogue's lipid intervals cite them too.
 */
import type { Source } from "./types";

export const CARDIOMETABOLIC_SOURCES = {
  adaDiagnosis2025: {
    title:
      "American Diabetes Association Professional Practice Committee. 2. Diagnosis and Classification of Diabetes: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1):S27-S49",
    url: "https://pubmed.ncbi.nlm.nih.gov/39651986/",
    pmid: "39651986",
    doi: "10.2337/dc25-S002",
    type: "guideline",
  },
  adaGlycemicGoals2025: {
    title:
      "American Diabetes Association Professional Practice Committee. 6. Glycemic Goals and Hypoglycemia: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1):S128-S145",
    url: "https://pubmed.ncbi.nlm.nih.gov/39651981/",
    pmid: "39651981",
    doi: "10.2337/dc25-S006",
    type: "guideline",
  },
} as const satisfies Record<string, Source>;
