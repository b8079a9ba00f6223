/** Liver chemistries: ACG Clinical Guideline, Evaluation of Abnormal Liver Chemistries (Kwo 2017), paraphrased. */
import type { Claim } from "./types";

export const LIVER_GUIDANCE: Claim[] = [
  {
    id: "acg-liver.confirm",
    text: "Before evaluating abnormal liver chemistries, repeat the panel or do a clarifying test (for example GGT when alkaline phosphatase is raised) to confirm that the abnormality is real.",
    keywords: "repeat confirm liver tests GGT alkaline phosphatase clarifying test",
    requires: ["liver", "liver-enzymes-high"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.alt-normal",
    text: "A true healthy ALT is 29–33 IU/L in men and 19–25 IU/L in women; ALT above these levels should be assessed.",
    keywords: "ALT upper limit normal men women healthy threshold assess",
    requires: ["liver", "alt-high"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.hepatocellular-workup",
    text: "Evaluate hepatocellular injury with testing for hepatitis A, B and C, assessment for fatty liver disease and alcohol-related liver disease, screening for haemochromatosis, autoimmune hepatitis, Wilson's disease and alpha-1 antitrypsin deficiency, and a history of prescribed and over-the-counter medicines.",
    keywords: "hepatocellular ALT AST viral hepatitis NAFLD alcohol haemochromatosis autoimmune Wilson alpha-1 antitrypsin drug induced",
    requires: ["liver", "hepatocellular"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.cholestatic-workup",
    text: "When a raised alkaline phosphatase is of hepatic origin, test for primary biliary cholangitis and primary sclerosing cholangitis.",
    keywords: "cholestatic alkaline phosphatase primary biliary cholangitis primary sclerosing cholangitis AMA",
    requires: ["liver", "cholestatic"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.nafld-screen",
    text: "People with a raised BMI or other features of the metabolic syndrome (diabetes, obesity, dyslipidaemia, hypertension) and mildly raised ALT should be screened for fatty liver disease with ultrasound.",
    keywords: "NAFLD MASLD fatty liver metabolic syndrome obesity ultrasound mild ALT",
    requires: ["liver", "alt-high"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.alcohol",
    text: "Women drinking more than 140 g of alcohol a week, or men more than 210 g, who have raised AST and ALT should be evaluated for alcohol-related liver disease.",
    keywords: "alcohol AST ALT ratio 2 alcoholic liver disease grams per week",
    requires: ["liver", "ast-alt-ratio-2"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.fractionate-bilirubin",
    text: "Fractionate a raised total bilirubin into direct and indirect bilirubin: most circulating bilirubin is unconjugated, and a raised conjugated bilirubin implies hepatocellular disease or cholestasis.",
    keywords: "bilirubin fractionate direct indirect conjugated unconjugated Gilbert isolated hyperbilirubinaemia",
    requires: ["liver", "isolated-bilirubin"],
    source: "kwoLiverChemistries2017",
  },
  {
    id: "acg-liver.acute-referral",
    text: "In acute hepatitis with a raised prothrombin time and/or encephalopathy, refer to a liver specialist.",
    keywords: "acute hepatitis severe elevation prothrombin INR encephalopathy referral hepatologist",
    requires: ["liver", "enzymes-over-15x"],
    source: "kwoLiverChemistries2017",
  },
];
