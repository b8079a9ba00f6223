/**
 * Sources behind the catalogue's intervals and critical limits and behind the derived-value formulas.
 */
import type { Source } from "./types";

export const REFERENCE_SOURCES = {
  ckdEpi2021: {
    title: "Inker LA et al. New Creatinine- and Cystatin C-Based Equations to Estimate GFR without Race. N Engl J Med 2021;385:1737-1749",
    url: "https://pubmed.ncbi.nlm.nih.gov/34554658/",
    pmid: "34554658",
    doi: "10.1056/NEJMoa2102953",
    type: "pubmed",
  },
  sampsonLdl2020: {
    title: "Sampson M et al. A New Equation for Calculation of Low-Density Lipoprotein Cholesterol in Patients With Normolipidemia and/or Hypertriglyceridemia. JAMA Cardiol 2020;5(5):540-548",
    url: "https://pubmed.ncbi.nlm.nih.gov/32101259/",
    pmid: "32101259",
    doi: "10.1001/jamacardio.2020.0013",
    type: "pubmed",
  },
  fib4Sterling2006: {
    title: "Sterling RK et al. Development of a simple noninvasive index to predict significant fibrosis in patients with HIV/HCV coinfection. Hepatology 2006;43(6):1317-1325",
    url: "https://pubmed.ncbi.nlm.nih.gov/16729309/",
    pmid: "16729309",
    doi: "10.1002/hep.21178",
    type: "pubmed",
  },
  payneCalcium1973: {
    title: "Payne RB et al. Interpretation of serum calcium in patients with abnormal serum proteins. Br Med J 1973;4(5893):643-646",
    url: "https://pubmed.ncbi.nlm.nih.gov/4758544/",
    pmid: "4758544",
    doi: "10.1136/bmj.4.5893.643",
    type: "pubmed",
  },
  krautAnionGap2007: {
    title: "Kraut JA, Madias NE. Serum anion gap: its uses and limitations in clinical medicine. Clin J Am Soc Nephrol 2007;2(1):162-174",
    url: "https://pubmed.ncbi.nlm.nih.gov/17699401/",
    pmid: "17699401",
    doi: "10.2215/CJN.03020906",
    type: "pubmed",
  },
  kdigo2024: {
    title: "KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease. Kidney Int 2024;105(4S):S117-S314",
    url: "https://pubmed.ncbi.nlm.nih.gov/38490803/",
    pmid: "38490803",
    doi: "10.1016/j.kint.2023.10.018",
    type: "guideline",
  },
  abimReferenceRanges: {
    title: "American Board of Internal Medicine. ABIM Laboratory Test Reference Ranges (revised annually; adult, nonpregnant)",
    url: "https://www.abim.org/Media/bfijryql/laboratory-reference-ranges.pdf",
    type: "guideline",
  },
  ngspIfccMasterEquation: {
    title: "Hoelzel W et al. IFCC reference system for measurement of hemoglobin A1c in human blood and the national standardization schemes in the United States, Japan, and Sweden: a method-comparison study. Clin Chem 2004;50(1):166-74 (the IFCC–NGSP master equation, NGSP % = 0.09148 × IFCC mmol/mol + 2.152, as published by the NGSP)",
    url: "https://ngsp.org/ifcc.asp",
    type: "guideline",
  },
  kostCriticalLimits1990: {
    title: "Kost GJ. Critical limits for urgent clinician notification at US medical centers. JAMA 1990;263(5):704-707",
    url: "https://pubmed.ncbi.nlm.nih.gov/2296127/",
    pmid: "2296127",
    doi: "10.1001/jama.263.5.704",
    type: "pubmed",
  },
  ncepAtp3: {
    title: "National Cholesterol Education Program. Third Report of the Expert Panel on Detection, Evaluation, and Treatment of High Blood Cholesterol in Adults (Adult Treatment Panel III), Final Report. NIH Publication No. 02-5215, 2002",
    url: "https://www.nhlbi.nih.gov/health-pro/guidelines/current/cholesterol-guidelines/final-report",
    type: "guideline",
  },
  grundyCholesterol2018: {
    title: "Grundy SM et al. 2018 AHA/ACC/AACVPR/AAPA/ABC/ACPM/ADA/AGS/APhA/ASPC/NLA/PCNA Guideline on the Management of Blood Cholesterol. Circulation 2019;139(25):e1082-e1143",
    url: "https://pubmed.ncbi.nlm.nih.gov/30586774/",
    pmid: "30586774",
    doi: "10.1161/CIR.0000000000000625",
    type: "guideline",
  },
  hollowellNhanes2002: {
    title: "Hollowell JG et al. Serum TSH, T4, and thyroid antibodies in the United States population (1988 to 1994): National Health and Nutrition Examination Survey (NHANES III). J Clin Endocrinol Metab 2002;87(2):489-499",
    url: "https://pubmed.ncbi.nlm.nih.gov/11836274/",
    pmid: "11836274",
    doi: "10.1210/jcem.87.2.8182",
    type: "pubmed",
  },
  medlinePlusVldl: {
    title: "MedlinePlus Medical Encyclopedia (U.S. National Library of Medicine). VLDL test",
    url: "https://medlineplus.gov/ency/article/003494.htm",
    type: "guideline",
  },
  medlinePlusUrinalysis: {
    title: "MedlinePlus Medical Encyclopedia (U.S. National Library of Medicine). Urinalysis",
    url: "https://medlineplus.gov/ency/article/003579.htm",
    type: "guideline",
  },
  nciPsaFactSheet: {
    title: "National Cancer Institute. Prostate-Specific Antigen (PSA) Test fact sheet",
    url: "https://www.cancer.gov/types/prostate/psa-fact-sheet",
    type: "guideline",
  },
} as const satisfies Record<string, Source>;
