/**
 * The published sources behind the clinical engine's calculations. A derived value or finding can cite
 * only what is listed here (DESIGN §7: a citation the engine did not look up cannot appear).
 */
export interface Source {
  title: string;
  url: string;
  pmid?: string;
  doi?: string;
  type: "pubmed" | "guideline";
}

export const SOURCES = {
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
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
