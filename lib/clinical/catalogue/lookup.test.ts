import { describe, expect, it } from "vitest";
import { findByLoinc, findByName, referenceFor } from "./index";

describe("findByName", () => {
  // Names as printed by the sample PDF report, the HL7 v2 fixtures and the Synthea/FHIR bundles.
  it.each([
    // sample_lab_report.pdf
    ["Hemoglobin", "hemoglobin"],
    ["RBC Count", "rbc"],
    ["WBC Count", "wbc"],
    ["Platelet Count", "platelets"],
    ["Hematocrit", "hematocrit"],
    ["MCV", "mcv"],
    ["MCH", "mch"],
    ["MCHC", "mchc"],
    ["Neutrophils", "neutrophils-percent"],
    ["Lymphocytes", "lymphocytes-percent"],
    ["ESR", "esr"],
    ["Glucose (Fasting)", "glucose-fasting"],
    ["HbA1c", "hba1c"],
    ["BUN", "bun"],
    ["Creatinine", "creatinine"],
    ["eGFR", "egfr"],
    ["Sodium", "sodium"],
    ["Potassium", "potassium"],
    ["Calcium", "calcium"],
    ["Total Protein", "total-protein"],
    ["Albumin", "albumin"],
    ["Total Cholesterol", "total-cholesterol"],
    ["LDL Cholesterol", "ldl-cholesterol"],
    ["HDL Cholesterol", "hdl-cholesterol"],
    ["Triglycerides", "triglycerides"],
    ["ALT (SGPT)", "alt"],
    ["AST (SGOT)", "ast"],
    ["ALP", "alkaline-phosphatase"],
    ["Total Bilirubin", "bilirubin-total"],
    ["TSH", "tsh"],
    ["Ferritin", "ferritin"],
    ["Vitamin D", "vitamin-d-25-oh"],
    ["CRP", "crp"],
    ["Iron", "iron"],
    // HL7 v2 fixtures
    ["NEUTROPHILS/100 LEUKOCYTES", "neutrophils-percent"],
    ["EOSINOPHILS/100 LEUKOCYTES", "eosinophils-percent"],
    ["LYMPHOCYTES/100 LEUKOCYTES", "lymphocytes-percent"],
    ["MONOCYTES/100 LEUKOCYTES", "monocytes-percent"],
    ["BASOPHILS/100 LEUKOCYTES", "basophils-percent"],
    ["HEMATOCRIT", "hematocrit"],
    ["ERYTHROCYTES", "rbc"],
    ["PLATELETS", "platelets"],
    ["Hemoglobin [Mass/volume] in Blood", "hemoglobin"],
    ["Leukocytes [#/volume] in Blood", "wbc"],
    ["Neutrophils [#/volume] in Blood", "neutrophils-absolute"],
    ["Lymphocytes [#/volume] in Blood", "lymphocytes-absolute"],
    ["Erythrocyte mean corpuscular hemoglobin [Entitic mass]", "mch"],
    ["Erythrocyte mean corpuscular hemoglobin concentration [Mass/volume]", "mchc"],
    ["Erythrocyte mean corpuscular volume [Entitic volume]", "mcv"],
    ["Erythrocyte distribution width [Ratio]", "rdw"],
    // LOINC long names as Synthea / FHIR print them
    ["Creatinine [Mass/volume] in Serum or Plasma", "creatinine"],
    ["Creatinine [Mass/volume] in Blood", "creatinine"],
    ["Hemoglobin A1c/Hemoglobin.total in Blood", "hba1c"],
    ["Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "ldl-cholesterol"],
    ["Cholesterol in HDL [Mass/volume] in Serum or Plasma", "hdl-cholesterol"],
    ["Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (MDRD)", "egfr"],
    ["Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)/1.73 sq M", "egfr"],
    ["Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "alt"],
    ["Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "ast"],
    ["Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", "alkaline-phosphatase"],
    ["Bilirubin.total [Mass/volume] in Serum or Plasma", "bilirubin-total"],
    ["Protein [Mass/volume] in Serum or Plasma", "total-protein"],
    ["Albumin [Mass/volume] in Serum or Plasma", "albumin"],
    ["Globulin [Mass/volume] in Serum by calculation", "globulin"],
    ["Leukocytes [#/volume] in Blood by Automated count", "wbc"],
    ["Erythrocytes [#/volume] in Blood by Automated count", "rbc"],
    ["Platelets [#/volume] in Blood by Automated count", "platelets"],
    ["Hematocrit [Volume Fraction] of Blood by Automated count", "hematocrit"],
    ["MCV [Entitic volume] by Automated count", "mcv"],
    ["MCH [Entitic mass] by Automated count", "mch"],
    ["Mean Corpuscular Hemoglobin Concentration (MCHC), Red blood cells", "mchc"],
    ["Platelet mean volume [Entitic volume] in Blood by Automated count", "mpv"],
    ["Glucose [Moles/volume] in Blood", "glucose"],
    ["Glucose SerPl-mCnc", "glucose"],
    ["Creat SerPl-mCnc", "creatinine"],
    ["Potassium SerPl-sCnc", "potassium"],
    ["Calcium SerPl-mCnc", "calcium"],
    ["Urea Nitrogen", "bun"],
    ["Carbon Dioxide", "carbon-dioxide"],
    ["Low Density Lipoprotein Cholesterol", "ldl-cholesterol"],
    ["High Density Lipoprotein Cholesterol", "hdl-cholesterol"],
    ["Estimated Glomerular Filtration Rate", "egfr"],
    ["Microalbumin Creatinine Ratio", "urine-albumin-creatinine-ratio"],
    ["Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma", "nt-probnp"],
    ["Glucose [Mass/\u200bvolume] in Urine by Test strip", "urine-glucose"],
    ["Protein [Mass/\u200bvolume] in Urine by Test strip", "urine-protein"],
    ["Ketones [Presence] in Urine by Test strip", "urine-ketones"],
    ["Hemoglobin [Presence] in Urine by Test strip", "urine-blood"],
    ["Leukocyte esterase [Presence] in Urine by Test strip", "urine-leukocyte-esterase"],
    ["Nitrite [Presence] in Urine by Test strip", "urine-nitrite"],
    ["pH of Urine by Test strip", "urine-ph"],
    ["Specific gravity of Urine by Test strip", "urine-specific-gravity"],
    // Other ways labs print names
    ["Creatinine, Serum", "creatinine"],
    ["  creat  ", "creatinine"],
    ["Glucose, fasting", "glucose-fasting"],
    ["T4, Free", "free-t4"],
    ["T4, total", "total-t4"],
    ["Lp(a)", "lipoprotein-a-molar"],
    ["25-OH Vitamin D", "vitamin-d-25-oh"],
    ["hs-CRP", "hs-crp"],
    // Analyser (Sysmex-style) names: "%" and "#" written against the name.
    ["LYMPH%", "lymphocytes-percent"],
    ["LYM#", "lymphocytes-absolute"],
    ["NEUT%", "neutrophils-percent"],
    ["NEUT#", "neutrophils-absolute"],
    ["Lymphs #", "lymphocytes-absolute"],
    ["Absolute lymphocytes", "lymphocytes-absolute"],
    ["HbA1c (IFCC)", "hba1c"],
  ])("%s → %s", (name, code) => {
    expect(findByName(name)?.code).toBe(code);
  });

  it.each([
    ["Urine creatinine"],
    ["Creatinine [Mass/volume] in Urine"],
    ["Erythrocyte distribution width [Entitic volume] by Automated count"],
    ["Hemoglobin [Mass/volume] in Stool"],
    ["Body Mass Index"],
    ["Polychromasia [Presence] in Blood by Light microscopy"],
    ["Sodium [Moles/volume] in Urine"],
    ["Monocytes [#/volume] in Blood"],
    ["Eosinophils [#/volume] in Blood"],
    [""],
  ])("finds nothing for %s", (name) => {
    expect(findByName(name)).toBeUndefined();
  });

  it("keeps look-alikes apart", () => {
    expect(findByName("HDL")?.code).toBe("hdl-cholesterol");
    expect(findByName("LDL")?.code).toBe("ldl-cholesterol");
    expect(findByName("Free T4")?.code).toBe("free-t4");
    expect(findByName("T4, total")?.code).toBe("total-t4");
    expect(findByName("Free T4")?.code).not.toBe(findByName("T4, total")?.code);
    expect(findByName("CRP")?.code).not.toBe(findByName("hs-CRP")?.code);
    expect(findByName("Hemoglobin")?.code).not.toBe(findByName("Hemoglobin A1c")?.code);
    expect(findByName("Glucose")?.code).not.toBe(findByName("Urine glucose")?.code);
    expect(findByName("Neutrophils")?.code).not.toBe(findByName("Absolute neutrophil count")?.code);
  });
});

describe("findByLoinc", () => {
  it.each([
    ["4548-4", "hba1c"],
    ["2093-3", "total-cholesterol"],
    ["2085-9", "hdl-cholesterol"],
    ["18262-6", "ldl-cholesterol"],
    ["2571-8", "triglycerides"],
    ["38483-4", "creatinine"],
    ["2160-0", "creatinine"],
    ["33914-3", "egfr"],
    ["6299-2", "bun"],
    ["2339-0", "glucose"],
    ["718-7", "hemoglobin"],
    ["6690-2", "wbc"],
    ["789-8", "rbc"],
    ["4544-3", "hematocrit"],
    ["787-2", "mcv"],
    ["785-6", "mch"],
    ["786-4", "mchc"],
    ["777-3", "platelets"],
    ["2947-0", "sodium"],
    ["6298-4", "potassium"],
    ["2069-3", "chloride"],
    ["20565-8", "carbon-dioxide"],
    ["49765-1", "calcium"],
    ["2885-2", "total-protein"],
    ["1751-7", "albumin"],
    ["1975-2", "bilirubin-total"],
    ["6768-6", "alkaline-phosphatase"],
    ["1742-6", "alt"],
    ["1920-8", "ast"],
    ["33762-6", "nt-probnp"],
    ["14959-1", "urine-albumin-creatinine-ratio"],
    // HbA1c by the IFCC protocol (mmol/mol).
    ["59261-8", "hba1c"],
  ])("%s → %s", (loinc, code) => {
    expect(findByLoinc(loinc)?.code).toBe(code);
  });

  it("does not map RDW-SD (fL) onto RDW (%)", () => {
    expect(findByLoinc("21000-5")).toBeUndefined();
  });

  it("finds nothing for an unknown code", () => {
    expect(findByLoinc("29463-7")).toBeUndefined();
  });
});

describe("referenceFor", () => {
  const def = (name: string) => findByName(name)!;

  it("picks the sex-specific interval", () => {
    expect(referenceFor(def("Hemoglobin"), { sex: "female" })).toEqual({ sex: "female", low: 12, high: 16 });
    expect(referenceFor(def("Hemoglobin"), { sex: "male" })).toEqual({ sex: "male", low: 14, high: 18 });
    expect(referenceFor(def("Creatinine"), { sex: "female", age: 50 })).toMatchObject({ low: 0.5, high: 1.1 });
    expect(referenceFor(def("HDL"), { sex: "male" })).toMatchObject({ low: 40 });
  });

  it("returns the shared interval whatever the sex", () => {
    expect(referenceFor(def("Sodium"), { sex: "male" })).toEqual({ low: 136, high: 145 });
    expect(referenceFor(def("Sodium"))).toEqual({ low: 136, high: 145 });
  });

  it("does not guess a sex-specific interval when sex is unknown", () => {
    expect(referenceFor(def("Hemoglobin"))).toBeUndefined();
    expect(referenceFor(def("PSA"), { sex: "female" })).toBeUndefined();
  });

  it("prefers the most specific interval that applies, honouring age bounds", () => {
    const synthetic = {
      ...def("Sodium"),
      reference: [{ low: 1, high: 10 }, { sex: "female" as const, low: 2, high: 9 }, { sex: "female" as const, ageMin: 65, low: 3, high: 8 }],
    };
    expect(referenceFor(synthetic, { sex: "female", age: 70 })).toMatchObject({ low: 3 });
    expect(referenceFor(synthetic, { sex: "female", age: 40 })).toMatchObject({ low: 2 });
    expect(referenceFor(synthetic, { sex: "female" })).toMatchObject({ low: 2 });
    expect(referenceFor(synthetic, { sex: "male", age: 70 })).toMatchObject({ low: 1 });
  });
});
