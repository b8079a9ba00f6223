/**
 * Sources behind the anaemia, thyroid, liver, vitamin and inflammation rules. Guidelines are `guideline`
 * whatever their link; single studies and reviews are `pubmed`. Where a PMID could not be confirmed the entry
 * links the publisher's page and carries no `pmid`.
 */
import type { Source } from "./types";

export const HAEMATOLOGY_ENDOCRINE_SOURCES = {
  who2024Haemoglobin: {
    title: "World Health Organization. Guideline on haemoglobin cutoffs to define anaemia in individuals and populations. Geneva: WHO; 2024",
    url: "https://www.who.int/publications/i/item/9789240088542",
    type: "guideline",
  },
  who2020Ferritin: {
    title: "World Health Organization. WHO guideline on use of ferritin concentrations to assess iron status in individuals and populations. Geneva: WHO; 2020",
    url: "https://www.ncbi.nlm.nih.gov/books/NBK569873/",
    type: "guideline",
  },
  agaIronDeficiency2020: {
    title: "Ko CW et al. AGA Clinical Practice Guidelines on the Gastrointestinal Evaluation of Iron Deficiency Anemia. Gastroenterology 2020;159(3):1085-1094",
    url: "https://www.gastrojournal.org/article/S0016-5085(20)34847-2/fulltext",
    doi: "10.1053/j.gastro.2020.06.046",
    type: "guideline",
  },
  weissAnemiaInflammation2019: {
    title: "Weiss G, Ganz T, Goodnough LT. Anemia of inflammation. Blood 2019;133(1):40-50",
    url: "https://pubmed.ncbi.nlm.nih.gov/30401705/",
    pmid: "30401705",
    doi: "10.1182/blood-2018-06-856500",
    type: "pubmed",
  },
  niceB12_2024: {
    title: "National Institute for Health and Care Excellence. Vitamin B12 deficiency in over 16s: diagnosis and management. NICE guideline NG239, 2024",
    url: "https://www.nice.org.uk/guidance/ng239",
    type: "guideline",
  },
  stablerB12Deficiency2013: {
    title: "Stabler SP. Vitamin B12 deficiency. N Engl J Med 2013;368(2):149-160",
    url: "https://pubmed.ncbi.nlm.nih.gov/23301732/",
    pmid: "23301732",
    doi: "10.1056/NEJMcp1113996",
    type: "pubmed",
  },
  garberHypothyroidism2012: {
    title: "Garber JR et al. Clinical practice guidelines for hypothyroidism in adults: cosponsored by the American Association of Clinical Endocrinologists and the American Thyroid Association. Endocr Pract 2012;18(6):988-1028",
    url: "https://pubmed.ncbi.nlm.nih.gov/23246686/",
    pmid: "23246686",
    doi: "10.4158/EP12280.GL",
    type: "guideline",
  },
  jonklaasHypothyroidism2014: {
    title: "Jonklaas J et al. Guidelines for the treatment of hypothyroidism: prepared by the American Thyroid Association Task Force on Thyroid Hormone Replacement. Thyroid 2014;24(12):1670-1751",
    url: "https://pubmed.ncbi.nlm.nih.gov/25266247/",
    pmid: "25266247",
    doi: "10.1089/thy.2014.0028",
    type: "guideline",
  },
  rossHyperthyroidism2016: {
    title: "Ross DS et al. 2016 American Thyroid Association Guidelines for Diagnosis and Management of Hyperthyroidism and Other Causes of Thyrotoxicosis. Thyroid 2016;26(10):1343-1421",
    url: "https://pubmed.ncbi.nlm.nih.gov/27521067/",
    pmid: "27521067",
    doi: "10.1089/thy.2016.0229",
    type: "guideline",
  },
  fdaBiotinInterference: {
    title: "U.S. Food and Drug Administration. The FDA warns that biotin may interfere with lab tests: FDA Safety Communication (2017, updated 2019)",
    url: "https://www.fda.gov/medical-devices/safety-communications/fda-warns-biotin-may-interfere-lab-tests-fda-safety-communication",
    type: "guideline",
  },
  kwoLiverChemistries2017: {
    title: "Kwo PY, Cohen SM, Lim JK. ACG Clinical Guideline: Evaluation of Abnormal Liver Chemistries. Am J Gastroenterol 2017;112(1):18-35",
    url: "https://pubmed.ncbi.nlm.nih.gov/27995906/",
    pmid: "27995906",
    doi: "10.1038/ajg.2016.517",
    type: "guideline",
  },
  aasldMasld2023: {
    title: "Rinella ME et al. AASLD Practice Guidance on the clinical assessment and management of nonalcoholic fatty liver disease. Hepatology 2023;77(5):1797-1835",
    url: "https://doi.org/10.1097/HEP.0000000000000323",
    doi: "10.1097/HEP.0000000000000323",
    type: "guideline",
  },
  mcphersonFib4Age2017: {
    title: "McPherson S et al. Age as a Confounding Factor for the Accurate Non-Invasive Diagnosis of Advanced NAFLD Fibrosis. Am J Gastroenterol 2017;112(5):740-751",
    url: "https://pubmed.ncbi.nlm.nih.gov/27725647/",
    pmid: "27725647",
    doi: "10.1038/ajg.2016.453",
    type: "pubmed",
  },
  holickVitaminD2011: {
    title: "Holick MF et al. Evaluation, treatment, and prevention of vitamin D deficiency: an Endocrine Society clinical practice guideline. J Clin Endocrinol Metab 2011;96(7):1911-1930",
    url: "https://pubmed.ncbi.nlm.nih.gov/21646368/",
    pmid: "21646368",
    doi: "10.1210/jc.2011-0385",
    type: "guideline",
  },
  demayVitaminD2024: {
    title: "Demay MB et al. Vitamin D for the Prevention of Disease: An Endocrine Society Clinical Practice Guideline. J Clin Endocrinol Metab 2024;109(8):1907-1947",
    url: "https://pubmed.ncbi.nlm.nih.gov/38828931/",
    pmid: "38828931",
    doi: "10.1210/clinem/dgae290",
    type: "guideline",
  },
  iomVitaminD2011: {
    title: "Ross AC et al. The 2011 report on dietary reference intakes for calcium and vitamin D from the Institute of Medicine: what clinicians need to know. J Clin Endocrinol Metab 2011;96(1):53-58",
    url: "https://pubmed.ncbi.nlm.nih.gov/21118827/",
    pmid: "21118827",
    doi: "10.1210/jc.2010-2704",
    type: "guideline",
  },
  adaPharmacologic2025: {
    title: "American Diabetes Association Professional Practice Committee. 9. Pharmacologic Approaches to Glycemic Treatment: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1):S181",
    url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC11635045/",
    doi: "10.2337/dc25-S009",
    type: "guideline",
  },
  arodaMetforminB12_2016: {
    title: "Aroda VR et al. Long-term metformin use and vitamin B12 deficiency in the Diabetes Prevention Program Outcomes Study. J Clin Endocrinol Metab 2016;101(4):1754-1761",
    url: "https://pubmed.ncbi.nlm.nih.gov/26900641/",
    pmid: "26900641",
    doi: "10.1210/jc.2015-3754",
    type: "pubmed",
  },
  pearsonInflammationMarkers2003: {
    title: "Pearson TA et al. Markers of inflammation and cardiovascular disease: application to clinical and public health practice: a statement for healthcare professionals from the CDC and the AHA. Circulation 2003;107(3):499-511",
    url: "https://pubmed.ncbi.nlm.nih.gov/12551878/",
    pmid: "12551878",
    doi: "10.1161/01.CIR.0000052939.59093.45",
    type: "guideline",
  },
  melbyeCrpAirwayInfection2012: {
    title: "Melbye H et al. The association between self-reported symptoms of recent airway infection and CRP values in a general population: the Tromsø Study: Tromsø 6. Inflammation 2012;35(3):1015-1022",
    url: "https://pubmed.ncbi.nlm.nih.gov/22089980/",
    pmid: "22089980",
    doi: "10.1007/s10753-011-9405-6",
    type: "pubmed",
  },
  millerEsr1983: {
    title: "Miller A, Green M, Robinson D. Simple rule for calculating normal erythrocyte sedimentation rate. Br Med J (Clin Res Ed) 1983;286(6361):266",
    url: "https://pubmed.ncbi.nlm.nih.gov/6402065/",
    pmid: "6402065",
    doi: "10.1136/bmj.286.6361.266",
    type: "pubmed",
  },
} as const satisfies Record<string, Source>;
