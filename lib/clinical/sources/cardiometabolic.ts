/**
 * Sources behind the glycaemia and lipid rules. The 2018 AHA/ACC cholesterol guideline (`grundyCholesterol2018`)
 * and NCEP ATP III (`ncepAtp3`) are in `reference.ts`, because the catalogue's lipid intervals cite them too, as
 * is the KDIGO 2024 CKD guideline (`kdigo2024`). The other KDIGO guidelines below are the ones the CKD
 * management points cite for blood pressure and statins. Where a PMID could not be confirmed the entry carries
 * none.
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
  kdigoBloodPressure2021: {
    title:
      "Cheung AK et al. Executive summary of the KDIGO 2021 Clinical Practice Guideline for the Management of Blood Pressure in Chronic Kidney Disease. Kidney Int 2021;99(3):559-569 (full guideline: Kidney Int 2021;99(3S):S1-S87)",
    url: "https://pubmed.ncbi.nlm.nih.gov/33637203/",
    pmid: "33637203",
    doi: "10.1016/j.kint.2020.10.026",
    type: "guideline",
  },
  kdigoLipids2013: {
    title: "Kidney Disease: Improving Global Outcomes (KDIGO) Lipid Work Group. KDIGO Clinical Practice Guideline for Lipid Management in Chronic Kidney Disease. Kidney Int Suppl 2013;3(3):259-305",
    url: "https://kdigo.org/guidelines/lipids-in-ckd/",
    type: "guideline",
  },
} as const satisfies Record<string, Source>;
