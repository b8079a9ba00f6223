/**
 * The text files of the generated part of the corpus (CSV exports, HL7 v2 messages, FHIR resources and Lab
 * Results Agent requests), each standing for a kind of file issue 13 found; eval/make-files.ts writes them.
 */
const PEOPLE = [
  "Alice Moreau", "Bruno Keller", "Chiara Russo", "Dmitri Volkov", "Elena Petrova", "Farid Haddad", "Grace Okafor",
  "Hiro Tanaka", "Ines Duarte", "Jonas Berg", "Kavya Iyer", "Liam Walsh", "Maya Cohen", "Nikos Pappas", "Olga Nowak",
  "Pedro Alves", "Quinn Murphy", "Rosa Jimenez", "Samir Khan", "Tara Nguyen",
];

/** A long-format export with one row per person and test: twenty people in one file. */
function multiPersonCsv(): string {
  const lines = ["Patient Name,Test Name,Result,Unit,Low,High"];
  PEOPLE.forEach((name, i) => {
    const sodium = i === 3 ? 174 : i === 11 ? 119 : 136 + (i % 6);
    const potassium = i === 7 ? 6.0 : 3.8 + (i % 5) / 10;
    lines.push(`${name},Sodium,${sodium},mmol/L,135,145`);
    lines.push(`${name},Potassium,${potassium.toFixed(1)},mmol/L,3.5,5.1`);
    lines.push(`${name},Creatinine,${(0.7 + (i % 7) / 10).toFixed(1)},mg/dL,0.6,1.3`);
  });
  return lines.join("\n") + "\n";
}

export const CSVS: Record<string, string> = {
  "multi-person-long.csv": multiPersonCsv(),
  "units-mixed.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "HbA1c,58,mmol/mol,20-41,H",
    "Albumin/Creatinine Ratio,3.4,mg/mmol,<3.0,H",
    "WBC,7.2,x10*9/L,4.0-11.0,",
    "Neutrophils,4.1,x10*9/L,2.0-7.5,",
    "Neutrophils %,57,%,40-75,",
    "Lymphocytes,1.0,x10*9/L,1.1-4.0,L",
    "Lymphocytes %,14,%,20-45,L",
    "Iron,45,ug/dl,60-170,L",
    "",
  ].join("\n"),
  "inverted-range.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "Sodium,140,mmol/L,145-135,N",
    "Potassium,4.1,mmol/L,5.1-3.5,",
    "Chloride,101,mmol/L,98-107,",
    "",
  ].join("\n"),
  "liver-hepatocellular.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "ALT,88,U/L,7-56,H",
    "AST,61,U/L,10-40,H",
    "Alkaline Phosphatase,95,U/L,44-147,",
    "Total Bilirubin,0.8,mg/dL,0.1-1.2,",
    "",
  ].join("\n"),
  "lipids-lab-ldl.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "Cholesterol Total,262,mg/dL,100-199,H",
    "Triglycerides,260,mg/dL,0-149,H",
    "HDL Cholesterol,36,mg/dL,>39,L",
    "LDL Chol Calc (NIH),172,mg/dL,0-99,H",
    "",
  ].join("\n"),
  "acr-mg-g-crea.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "Creatinine,1.35,mg/dL,0.70-1.30,H",
    "eGFR,52,mL/min/1.73m2,>59,L",
    "Albumin/Creatinine Ratio,45,mg/g crea,0-29,H",
    "",
  ].join("\n"),
  "b12-crp.csv": [
    "Test,Result,Unit,Reference Range,Flag",
    "Vitamin B12,150,pg/mL,200-900,L",
    "Folate,7.5,ng/mL,>3.9,",
    "C-Reactive Protein,12,mg/L,0-5,H",
    "",
  ].join("\n"),
  "history-same-instant.csv": [
    "Date,Test,Result,Unit,Reference Range",
    "2024-06-03 09:15,Creatinine,0.9,mg/dL,0.7-1.3",
    "2024-11-20 08:40,Creatinine,1.0,mg/dL,0.7-1.3",
    "2024-11-20 08:40,Creatinine,1.54,mg/dL,0.7-1.3",
    "2024-11-20 08:40,Potassium,4.4,mmol/L,3.5-5.1",
    "",
  ].join("\n"),
};

const seg = (...lines: string[]) => lines.join("\r") + "\r";

export const HL7: Record<string, string> = {
  "critical-hh-ll.hl7": seg(
    "MSH|^~\\&|EVALLAB|EVAL|LABWISE|EVAL|20250114093000||ORU^R01^ORU_R01|EVAL0001|P|2.5.1",
    "PID|1||EV0001^^^EVAL^MR||Eval^Critical||19600101|F",
    "OBR|1||EV-1|24323-8^Comprehensive metabolic panel^LN|||20250114080000|||||||||||||||20250114090000|||F",
    "OBX|1|NM|2823-3^Potassium^LN||6.8|mmol/L|3.5-5.1|HH|||F|||20250114080000",
    "OBX|2|NM|2951-2^Sodium^LN||118|mmol/L|135-145|LL|||F|||20250114080000",
    "OBX|3|NM|2345-7^Glucose^LN||38|mg/dL|70-99|LL|||F|||20250114080000",
    "OBX|4|NM|2160-0^Creatinine^LN||0.9|mg/dL|0.6-1.1|N|||F|||20250114080000",
  ),
  "result-status.hl7": seg(
    "MSH|^~\\&|EVALLAB|EVAL|LABWISE|EVAL|20250114113000||ORU^R01^ORU_R01|EVAL0002|P|2.5.1",
    "PID|1||EV0002^^^EVAL^MR||Eval^Status||19551212|M",
    "OBR|1||EV-2|24323-8^Comprehensive metabolic panel^LN|||20250114080000|||||||||||||||20250114110000|||C",
    "OBX|1|NM|2160-0^Creatinine^LN||1.6|mg/dL|0.7-1.3|H|||C|||20250114080000",
    "NTE|1||Corrected result: previously reported as 1.2 mg/dL.",
    "OBX|2|NM|2345-7^Glucose^LN||104|mg/dL|70-99|H|||P|||20250114080000",
    "OBX|3|NM|2823-3^Potassium^LN||||3.5-5.1||||X|||20250114080000",
    "NTE|1||Test cancelled: specimen hemolyzed.",
    "OBX|4|NM|2951-2^Sodium^LN||139|mmol/L|135-145|N|||F|||20250114080000",
  ),
  "batch-two-patients.hl7": seg(
    "MSH|^~\\&|EVALLAB|EVAL|LABWISE|EVAL|20250114120000||ORU^R01^ORU_R01|EVAL0003|P|2.5.1",
    "PID|1||EV0003^^^EVAL^MR||Eval^First||19700505|F",
    "OBR|1||EV-3|2823-3^Potassium^LN|||20250114080000|||||||||||||||20250114110000|||F",
    "OBX|1|NM|2823-3^Potassium^LN||4.2|mmol/L|3.5-5.1|N|||F|||20250114080000",
    "PID|2||EV0004^^^EVAL^MR||Eval^Second||19801111|M",
    "OBR|1||EV-4|2823-3^Potassium^LN|||20250114081500|||||||||||||||20250114110000|||F",
    "OBX|1|NM|2823-3^Potassium^LN||6.1|mmol/L|3.5-5.1|H|||F|||20250114081500",
  ),
};

const quantity = (value: number, unit: string, code = unit) => ({ value, unit, system: "http://unitsofmeasure.org", code });

export const FHIR: Record<string, unknown> = {
  // Conditions and medications beside the results: an insulin-treated type 2 diabetic with a lipid panel.
  "context-bundle.json": {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      { fullUrl: "urn:uuid:p1", resource: { resourceType: "Patient", id: "p1", gender: "male", birthDate: "1961-04-12" } },
      {
        fullUrl: "urn:uuid:c1",
        resource: {
          resourceType: "Condition",
          id: "c1",
          clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
          code: { coding: [{ system: "http://snomed.info/sct", code: "44054006", display: "Diabetes mellitus type 2" }], text: "Type 2 diabetes" },
          subject: { reference: "urn:uuid:p1" },
        },
      },
      {
        fullUrl: "urn:uuid:m1",
        resource: {
          resourceType: "MedicationStatement",
          id: "m1",
          status: "active",
          medicationCodeableConcept: { coding: [{ system: "http://www.nlm.nih.gov/research/umls/rxnorm", code: "274783", display: "insulin glargine" }], text: "Insulin glargine 20 units at night" },
          subject: { reference: "urn:uuid:p1" },
        },
      },
      ...(
        [
          ["4548-4", "Hemoglobin A1c", 7.2, "%", "%", { high: 5.6 }],
          ["1558-6", "Fasting glucose", 142, "mg/dL", "mg/dL", { low: 70, high: 99 }],
          ["2093-3", "Cholesterol", 232, "mg/dL", "mg/dL", { high: 199 }],
          ["2085-9", "HDL Cholesterol", 36, "mg/dL", "mg/dL", { low: 40 }],
          ["2571-8", "Triglycerides", 210, "mg/dL", "mg/dL", { high: 149 }],
          ["18262-6", "LDL Cholesterol (direct)", 142, "mg/dL", "mg/dL", { high: 99 }],
        ] as const
      ).map(([code, display, value, unit, ucum, range], i) => ({
        fullUrl: `urn:uuid:o${i + 1}`,
        resource: {
          resourceType: "Observation",
          id: `o${i + 1}`,
          status: "final",
          category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
          code: { coding: [{ system: "http://loinc.org", code, display }], text: display },
          subject: { reference: "urn:uuid:p1" },
          effectiveDateTime: "2025-01-14T07:30:00Z",
          valueQuantity: quantity(value, unit, ucum),
          referenceRange: [
            {
              ...("low" in range ? { low: quantity(range.low, unit, ucum) } : {}),
              ...("high" in range ? { high: quantity(range.high, unit, ucum) } : {}),
            },
          ],
        },
      })),
    ],
  },
  // Observations with only a laboratory's local code, no LOINC and no category; one amended, one corrected.
  "local-codes-bundle.json": {
    resourceType: "Bundle",
    type: "collection",
    entry: (
      [
        ["HGB", "Hemoglobin", 10.1, "g/dL", 13.5, 17.5, "final"],
        ["FERR", "Ferritin", 8, "ng/mL", 30, 400, "amended"],
        ["MCV", "MCV", 74, "fL", 80, 100, "corrected"],
        ["B12", "Vitamin B12", 182, "pg/mL", 232, 1245, "preliminary"],
      ] as const
    ).map(([code, display, value, unit, low, high, status], i) => ({
      fullUrl: `urn:uuid:l${i + 1}`,
      resource: {
        resourceType: "Observation",
        id: `l${i + 1}`,
        status,
        code: { coding: [{ system: "http://lab.example.org/codes", code, display }], text: display },
        effectiveDateTime: "2025-01-10T09:00:00Z",
        valueQuantity: { value, unit },
        referenceRange: [{ low: { value: low, unit }, high: { value: high, unit } }],
      },
    })),
  },
};

FHIR["acr-ucum-annotation.json"] = {
  // Urine ACR in the UCUM form with an annotation, as US labs send it: mg/g{creat}.
  resourceType: "Observation",
  id: "acr",
  status: "final",
  category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
  code: { coding: [{ system: "http://loinc.org", code: "9318-7", display: "Albumin/Creatinine [Mass Ratio] in Urine" }], text: "Microalbumin/Creatinine Ratio" },
  effectiveDateTime: "2025-01-14T07:30:00Z",
  valueQuantity: quantity(45, "mg/g{creat}"),
  referenceRange: [{ high: quantity(29, "mg/g{creat}") }],
};

export const AGENT: Record<string, unknown> = {
  // Seed 001/003's CKD example with its patient context: creatinine 1.8, eGFR 38, 78-year-old man, hypertension, lisinopril.
  "seed-001-context.json": {
    labResults: [
      { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15", category: "Renal" },
      { name: "eGFR", value: "38", unit: "mL/min/1.73m2", flag: "Low", referenceRange: ">60 mL/min/1.73m2", date: "2025-01-15", category: "Renal" },
    ],
    patient: { age: "78", gender: "male", conditions: ["Hypertension"], medications: ["Lisinopril 20mg daily"] },
  },
  // The same man once albuminuria is known (ACR 120 mg/g): the SGLT2 inhibitor point applies.
  "ckd-albuminuria-context.json": {
    labResults: [
      { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2025-01-15" },
      { name: "eGFR", value: "38", unit: "mL/min/1.73m2", flag: "Low", referenceRange: ">60 mL/min/1.73m2", date: "2025-01-15" },
      { name: "Urine Albumin/Creatinine Ratio", value: "120", unit: "mg/g", flag: "High", referenceRange: "<30 mg/g", date: "2025-01-15" },
      { name: "Potassium", value: "4.9", unit: "mmol/L", referenceRange: "3.5-5.1 mmol/L", date: "2025-01-15" },
    ],
    patient: { age: "78", gender: "male", conditions: ["Hypertension"], medications: ["Lisinopril 20mg daily"] },
  },
  // An insulin-treated diabetic with a lipid panel: results must not "confirm the diagnosis".
  "diabetic-insulin-context.json": {
    labResults: [
      { name: "Hemoglobin A1c", value: "7.2", unit: "%", referenceRange: "<5.7 %", date: "2025-01-15" },
      { name: "Glucose, fasting", value: "142", unit: "mg/dL", referenceRange: "70-99 mg/dL", date: "2025-01-15" },
      { name: "LDL Cholesterol", value: "128", unit: "mg/dL", referenceRange: "<100 mg/dL", date: "2025-01-15" },
      { name: "HDL Cholesterol", value: "38", unit: "mg/dL", referenceRange: ">40 mg/dL", date: "2025-01-15" },
    ],
    patient: { age: "58", gender: "female", conditions: ["Type 2 diabetes"], medications: ["Insulin glargine 24 units nightly", "Metformin 1000mg BID"] },
  },
  // FIB-4 from AST, ALT and platelets with the age from the context: (61 × 60) / (140 × √40) = 4.13.
  "fib4-context.json": {
    labResults: [
      { name: "AST", value: "61", unit: "U/L", referenceRange: "10-40 U/L", date: "2025-01-15" },
      { name: "ALT", value: "40", unit: "U/L", referenceRange: "7-56 U/L", date: "2025-01-15" },
      { name: "Platelets", value: "140", unit: "10^3/uL", referenceRange: "150-400 10^3/uL", date: "2025-01-15" },
    ],
    patient: { age: "60", gender: "male", conditions: ["Type 2 diabetes"] },
  },
};
