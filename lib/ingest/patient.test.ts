import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { textReportPdf } from "../../tests/fixtures/lab-documents";
import { sample } from "../../tests/fixtures/samples";
import { extractFhir } from "./fhir";
import { extractHl7v2 } from "./hl7v2";
import { extractLab } from "./index";
import { ageOn, calendarDay, cluesFromText, mergeClues, mergePatientContext, readBirthDate, readSex, summarisePatient } from "./patient";

const day = (iso: string) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });
const born = (iso: string) => readBirthDate(iso)!;
const clues = (line: string) => cluesFromText([line]);

describe("sex", () => {
  it.each([
    ["F", "female"],
    ["f", "female"],
    ["Female", "female"],
    ["WOMAN", "female"],
    ["M", "male"],
    ["male", "male"],
    ["Man", "male"],
  ])("%s is %s", (said, sex) => expect(readSex(said)).toBe(sex));

  it.each(["O", "U", "A", "N", "other", "unknown", "", "W", "Mixed"])("%j is left out", (said) => expect(readSex(said)).toBeUndefined());
});

describe("birth dates", () => {
  it.each([
    ["19610615", { year: 1961, month: 6, day: 15 }], // HL7 DT
    ["196106150830", { year: 1961, month: 6, day: 15 }], // HL7 DTM with a time
    ["19610615083000+0200", { year: 1961, month: 6, day: 15 }],
    ["196106", { year: 1961, month: 6 }],
    ["1961", { year: 1961 }],
    ["1961-04-02", { year: 1961, month: 4, day: 2 }], // FHIR date
    ["1961-04", { year: 1961, month: 4 }],
    ["04/12/1961", { year: 1961, month: 4, day: 12 }], // printed, month-first as elsewhere in Labwise
    ["2 April 1961", { year: 1961, month: 4, day: 2 }],
    ["02-Apr-1961", { year: 1961, month: 4, day: 2 }],
  ])("%s", (raw, expected) => expect(readBirthDate(raw)).toEqual(expected));

  it.each(["19610230", "1961-13", "2023-02-29", "0000", "1961T10:00", "12/05/61", "unknown", ""])("%j is not a birth date", (raw) => expect(readBirthDate(raw)).toBeUndefined());

  it("reads the calendar day as written, not as it falls in UTC", () => {
    expect(calendarDay("20141006062700+0700")).toEqual(day("2014-10-06")); // 5 October in UTC
    expect(calendarDay("2013-04-02T23:30:10-05:00")).toEqual(day("2013-04-02"));
    expect(calendarDay("March 10, 2026")).toEqual(day("2026-03-10"));
    expect(calendarDay("01/15/2025 08:30")).toEqual(day("2025-01-15"));
    expect(calendarDay("2014")).toBeUndefined();
  });
});

describe("age at collection", () => {
  it("counts a year only once the birthday is reached in the collection year", () => {
    expect(ageOn(born("1962-03-20"), day("2002-02-15"))).toBe(39);
    expect(ageOn(born("1962-03-20"), day("2002-03-19"))).toBe(39);
    expect(ageOn(born("1962-03-20"), day("2002-03-20"))).toBe(40);
    expect(ageOn(born("1962-03-20"), day("2002-12-31"))).toBe(40);
    expect(ageOn(born("1924-10-10"), day("2014-10-06"))).toBe(89);
  });

  it("gives someone born on 29 February their birthday on 1 March in a common year", () => {
    const leap = born("2000-02-29");
    expect(ageOn(leap, day("2001-02-28"))).toBe(0);
    expect(ageOn(leap, day("2001-03-01"))).toBe(1);
    expect(ageOn(leap, day("2003-02-28"))).toBe(2);
    expect(ageOn(leap, day("2004-02-28"))).toBe(3);
    expect(ageOn(leap, day("2004-02-29"))).toBe(4);
  });

  it("is 0 on the day of birth and unknown before it or past 120", () => {
    expect(ageOn(born("2025-01-15"), day("2025-01-15"))).toBe(0);
    expect(ageOn(born("2025-01-16"), day("2025-01-15"))).toBeUndefined();
    expect(ageOn(born("1900-01-01"), day("2020-12-31"))).toBe(120);
    expect(ageOn(born("1900-01-01"), day("2021-01-01"))).toBeUndefined();
  });

  it("uses a partial birth date only when every day it could be gives the same age", () => {
    expect(ageOn(born("1961"), day("2025-06-01"))).toBeUndefined();
    expect(ageOn(born("1961"), day("2025-12-31"))).toBe(64);
    expect(ageOn(born("1961-04"), day("2025-06-01"))).toBe(64);
    expect(ageOn(born("1961-04"), day("2025-04-15"))).toBeUndefined();
    expect(ageOn(born("1961-04"), day("2025-03-31"))).toBe(63);
  });

  it("takes the latest collection date, then the report date, and never today", () => {
    const birthDate = born("1961-06-15");
    expect(summarisePatient({ birthDate }, ["2011-01-03", "2011-07-01", undefined])).toEqual({ age: 50 });
    expect(summarisePatient({ birthDate }, [undefined, "not a date"], ["20110103"])).toEqual({ age: 49 });
    expect(summarisePatient({ birthDate, sex: "male" }, [], [])).toEqual({ sex: "male" });
    expect(summarisePatient({ birthDate })).toBeUndefined();
    // An age printed on the report is used when the birth date cannot give one; a computed age wins.
    expect(summarisePatient({ statedAge: 45 }, [])).toEqual({ age: 45 });
    expect(summarisePatient({ birthDate, statedAge: 45 }, ["2011-01-03"])).toEqual({ age: 49 });
    expect(summarisePatient({ birthDate, statedAge: 45 }, [])).toEqual({ age: 45 });
  });

  it("drops what two places in a file disagree on", () => {
    expect(mergeClues([{ sex: "male" }, { sex: "male", birthDate: born("1961-06-15") }, { birthDate: born("1961-06-15") }])).toEqual({
      clues: { sex: "male", birthDate: born("1961-06-15") },
      conflicts: [],
    });
    expect(mergeClues([{ sex: "male", statedAge: 45 }, { sex: "female", statedAge: 45 }])).toEqual({ clues: { statedAge: 45 }, conflicts: ["sex"] });
    expect(mergeClues([{ birthDate: born("1961-06-15") }, { birthDate: born("1961-06-16") }]).conflicts).toEqual(["birth date"]);
  });
});

describe("printed age and sex", () => {
  it.each([
    ["Age / Sex : 45 Y / Male", { statedAge: 45, sex: "male" }],
    ["Age/Sex: 45Y/M", { statedAge: 45, sex: "male" }],
    ["Age/Sex:  45 / Male", { statedAge: 45, sex: "male" }], // sample_lab_report.pdf, cells joined by two spaces
    ["Age/Gender: 45 Yrs / Female", { statedAge: 45, sex: "female" }],
    ["Age/Sex: 62 years, F", { statedAge: 62, sex: "female" }],
    ["Age/Sex: 45 Y 3 M 12 D / Male", { statedAge: 45, sex: "male" }],
    ["Sex/Age: F/45", { statedAge: 45, sex: "female" }],
    ["Age/Sex: 45 Y / Other", { statedAge: 45 }],
    ["Sex/Age: U/45", { statedAge: 45 }],
    ["Gender / Age : Male / 38 Years", { statedAge: 38, sex: "male" }],
    ["Age: 45 Years", { statedAge: 45 }],
    ["AGE : 45 YRS", { statedAge: 45 }],
    ["Patient Age: 7", { statedAge: 7 }],
    ["Age: 18 Months", { statedAge: 1 }],
    ["Age: 3 weeks", { statedAge: 0 }],
    ["Sex: F", { sex: "female" }],
    ["sex: m", { sex: "male" }],
    ["Gender: Female", { sex: "female" }],
    ["Gender: woman", { sex: "female" }],
    ["Patient Name: Jane Doe  Sex: F  Age: 52 Years  MRN: 123", { sex: "female", statedAge: 52 }],
    ["DOB: 1961-04-02", { birthDate: { year: 1961, month: 4, day: 2 } }],
    ["Date of Birth: 2 April 1961", { birthDate: { year: 1961, month: 4, day: 2 } }],
    ["D.O.B. 19610402", { birthDate: { year: 1961, month: 4, day: 2 } }],
    ["DOB: 15/04/1961 (64 Y)", { birthDate: { year: 1961, month: 4, day: 15 } }],
  ])("%j", (line, expected) => expect(clues(line)).toEqual([expected]));

  it("keeps both readings of a printed birth date that reads either way", () => {
    const [{ birthDate }] = clues("DOB:  04/12/1961");
    expect(birthDate).toEqual({ year: 1961, month: 4, day: 12, or: { year: 1961, month: 12, day: 4 } });
    expect(ageOn(birthDate!, day("2025-01-15"))).toBe(63); // both readings: 63
    expect(ageOn(birthDate!, day("2025-06-01"))).toBeUndefined(); // 64 if 12 April, 63 if 4 December
  });

  it.each([
    "Page: 2 of 3",
    "Stage: 3",
    "Average: 45",
    "Dosage: 45 mg",
    "Age: 18-45 years: 0.6 - 1.2",
    "Age: 45 to 60",
    "Age: 150 Years",
    "Age: 45.5",
    "Age 45",
    "Sex: Other",
    "Gender: Unknown",
    "Gender: Male/Female",
    "Sex: Mixed",
    "Male: 13.5 - 17.5 g/dL",
    "Females 12.0 - 15.5",
    "Age/Sex: 45 Y",
    "DOB: 1961",
    "DOB: 04/12/61",
    "Hemoglobin  8.9  g/dL  13.0 - 17.0  LOW",
  ])("%j says nothing", (line) => expect(clues(line)).toEqual([]));
});

describe("patient context", () => {
  it("adds the file's age and sex as strings where the context has none", () => {
    expect(mergePatientContext(null, { sex: "male", age: 45 })).toEqual({ age: "45", gender: "male" });
    expect(mergePatientContext(undefined, { age: 0 })).toEqual({ age: "0" });
    expect(mergePatientContext({ conditions: ["ckd"] }, { sex: "female" })).toEqual({ conditions: ["ckd"], gender: "female" });
    expect(mergePatientContext({ age: "", gender: null }, { sex: "female", age: 52 })).toEqual({ age: "52", gender: "female" });
  });

  it("never replaces what the partner sent", () => {
    expect(mergePatientContext({ age: "61", gender: "female" }, { sex: "male", age: 45 })).toBeUndefined();
    expect(mergePatientContext({ age: 61 }, { sex: "male", age: 45 })).toEqual({ age: 61, gender: "male" });
    // The engine reads `gender ?? sex`: adding gender beside a partner's `sex` would override it.
    expect(mergePatientContext({ sex: "F" }, { sex: "male", age: 45 })).toEqual({ sex: "F", age: "45" });
  });

  it("adds the file's conditions and medications to the partner's, once each", () => {
    expect(mergePatientContext({ conditions: ["Hypertension"], medications: ["lisinopril"] }, { conditions: ["hypertension", "diabetes"], medications: ["insulin glargine"] })).toEqual({
      conditions: ["Hypertension", "diabetes"],
      medications: ["lisinopril", "insulin glargine"],
    });
    expect(mergePatientContext(undefined, { conditions: ["diabetes"] })).toEqual({ conditions: ["diabetes"] });
    expect(mergePatientContext({ conditions: ["diabetes"] }, { conditions: ["Diabetes"] })).toBeUndefined();
  });

  it("leaves a context it cannot extend alone", () => {
    expect(mergePatientContext({ age: "45" }, undefined)).toBeUndefined();
    expect(mergePatientContext(["not", "an", "object"], { age: 45 })).toBeUndefined();
    expect(mergePatientContext("45/M", { age: 45 })).toBeUndefined();
  });
});

describe("patient facts in the sample files", () => {
  it.each([
    // HL7 PID-7 / PID-8, age at the latest OBX-14 (else OBR-7) collection time.
    ["LAB-ORU-1.hl7", { sex: "male", age: 89 }], // born 1924-10-10, collected 2014-10-06: birthday 4 days away
    ["LAB-ORU-2.hl7", { sex: "male", age: 89 }],
    ["LRI_2.0-NG_CBC_Typ_Message.hl7", { sex: "male", age: 49 }], // born 1961-06-15, collected 2011-01-03
    ["ORU-R01-01.hl7", { sex: "male", age: 48 }], // born 1963-08-15, OBX-14 2012-03-01
    ["ORU-R01-RMGEAD.hl7", { sex: "female", age: 39 }], // born 1962-03-20, collected 2002-02-15
    ["ORU_R01_2.5.1_SampleTestCase1.hl7", { sex: "male", age: 1 }], // born 2007-05-26, collected 2008-08-15
    // Synthea Bundles: the Patient every Observation.subject points at, age at the latest lab.
    ["Barrett_Cummings_512a3be0-5653-496b-bf4a-20c6a0e71d88.json", { sex: "male", age: 48 }], // born 1972-07-30, last lab 2021-02-21
    ["Stewart_Stanton_e1c92057-888b-4d8a-a459-5c1c4eed82c7.json", { sex: "male", age: 53 }], // born 1915-07-03, last lab 1969-02-22
    // Printed "Age/Sex:  45 / Male"; no birth date.
    ["sample_lab_report.pdf", { sex: "male", age: 45 }],
  ])("%s", async (file, patient) => {
    const result = await extractLab({ bytes: sample(file) });
    // The Synthea Bundles also carry conditions and medications (fhir.test.ts); here only sex and age.
    expect({ sex: result.patient?.sex, age: result.patient?.age }).toEqual(patient);
  });

  it.each([
    "diagnosticreport-cbc.json",
    "diagnosticreport-metabolic-panel.json",
    "observation-cbc-hemoglobin.json",
    "observation-cbc-mchc.json",
    "observation-example-f001-glucose.json",
    "observation-example-f005-hemoglobin.json",
    "observation-serum-calcium.json",
    "observation-serum-creatinine.json",
    "observation-serum-glucose.json",
    "observation-serum-potassium.json",
  ])("%s only references its Patient, so says nothing about them", async (file) => {
    const result = await extractLab({ bytes: sample(file) });
    expect(result.patient).toBeUndefined();
  });

  it("never returns a birth date or a name", async () => {
    for (const file of ["LRI_2.0-NG_CBC_Typ_Message.hl7", "Barrett_Cummings_512a3be0-5653-496b-bf4a-20c6a0e71d88.json"]) {
      const { patient } = await extractLab({ bytes: sample(file) });
      expect(Object.keys(patient ?? {}).filter((key) => key !== "conditions" && key !== "medications").sort()).toEqual(["age", "sex"]);
      expect(JSON.stringify(patient)).not.toMatch(/Barrett|Cummings|1972-07-30|19610615/);
    }
    const pdf = await extractLab({ bytes: await textReportPdf() });
    expect(JSON.stringify(pdf.patient)).not.toMatch(/1961|Jane/);
  });

  it("computes the generated report's age from its DOB (04/12/1961) at collection (01/15/2025); it prints no sex", async () => {
    const result = await extractLab({ bytes: await textReportPdf() });
    expect(result.patient).toEqual({ age: 63 });
  });
});

const MSH = "MSH|^~\\&|LAB|FAC|EHR|FAC|20250115083000||ORU^R01|MSG1|P|2.5.1";
const OBX = "OBX|1|NM|2160-0^Creatinine^LN||1.1|mg/dL|0.6-1.2|N|||F";

describe("HL7 v2 patient", () => {
  const hl7 = (...segments: string[]) => extractHl7v2([MSH, ...segments].join("\r"));

  it("reads PID-7 and PID-8 and takes the age at OBR-7", () => {
    const result = hl7("PID|1||123^^^FAC^MR||Doe^Jane||19610615|F", "OBR|1|||2160-0^Creatinine^LN|||20250614", OBX);
    expect(result.patient).toEqual({ sex: "female", age: 63 });
  });

  it("falls back to OBR-22 (results reported), then MSH-7, when nothing says when the sample was taken", () => {
    const reportedOnly = ["OBR", "1", "", "", "2160-0^Creatinine^LN", ...Array<string>(17).fill(""), "20250616"].join("|"); // OBR-22
    expect(hl7("PID|1||123||Doe^Jane||19610615|F", reportedOnly, OBX).patient).toEqual({ sex: "female", age: 64 });
    expect(hl7("PID|1||123||Doe^Jane||19610115|F", "OBR|1|||2160-0^Creatinine^LN", OBX).patient).toEqual({ sex: "female", age: 64 }); // MSH-7 2025-01-15
  });

  it("leaves out unknown sex, a missing birth date and patients who disagree", () => {
    expect(hl7("PID|1||123||Doe^Jane||19610615|U", "OBR|1|||x|||20250614", OBX).patient).toEqual({ age: 63 });
    expect(hl7("PID|1||123||Doe^Jane|||M", "OBR|1|||x|||20250614", OBX).patient).toEqual({ sex: "male" });
    expect(hl7("PID|1||123||Doe^Jane", "OBR|1|||x|||20250614", OBX).patient).toBeUndefined();
    // One person (the same PID-3) whose messages disagree about them.
    const two = hl7("PID|1||1||A^B||19610615|F", "OBR|1|||x|||20250614", OBX, "PID|1||1||A^B||19700101|M", "OBR|1|||x|||20250614", OBX);
    expect(two.patient).toBeUndefined();
    expect(two.warnings).toContain("the file gives more than one patient sex and birth date, so Labwise left them out");
  });
});

describe("FHIR patient", () => {
  const observation = (extra: Record<string, unknown>) => ({
    resourceType: "Observation",
    status: "final",
    category: [{ coding: [{ code: "laboratory" }] }],
    code: { coding: [{ system: "http://loinc.org", code: "2160-0" }], text: "Creatinine" },
    valueQuantity: { value: 1.1, unit: "mg/dL" },
    effectiveDateTime: "2025-03-01T08:00:00Z",
    ...extra,
  });
  const patient = (id: string, gender: string, birthDate: string) => ({ resourceType: "Patient", id, gender, birthDate, name: [{ family: "Doe" }] });

  it("reads a Patient contained in the Observation", () => {
    const result = extractFhir(observation({ contained: [patient("p", "female", "1961-04-02")], subject: { reference: "#p" } }));
    expect(result.patient).toEqual({ sex: "female", age: 63 });
  });

  it("reads a Patient contained in a DiagnosticReport, for the report's contained results too", () => {
    const report = {
      resourceType: "DiagnosticReport",
      subject: { reference: "#p" },
      contained: [patient("p", "male", "1961-02-28"), observation({ id: "o1", subject: { reference: "#p" } })],
      result: [{ reference: "#o1" }],
    };
    expect(extractFhir(report).patient).toEqual({ sex: "male", age: 64 });
  });

  it("reads the Bundle's Patient through Observation.subject, and refuses a Bundle about two people", () => {
    const bundle = (subject: string | undefined, ...patients: object[]) => ({
      resourceType: "Bundle",
      type: "collection",
      entry: [
        ...patients.map((resource) => ({ fullUrl: `urn:uuid:${(resource as { id: string }).id}`, resource })),
        { resource: observation(subject ? { subject: { reference: subject } } : {}) },
      ],
    });
    expect(extractFhir(bundle("Patient/a", patient("a", "female", "1990-03-01"))).patient).toEqual({ sex: "female", age: 35 });
    expect(extractFhir(bundle("urn:uuid:b", patient("b", "male", "1950-01-01"))).patient).toEqual({ sex: "male", age: 75 });
    // No subject at all and a single Patient: that is who the results are about.
    expect(extractFhir(bundle(undefined, patient("a", "female", "1990-03-01"))).patient).toEqual({ sex: "female", age: 35 });
    // Two Patients, or a subject that is not the Bundle's Patient: two people, which Labwise does not read as one.
    expect(() => extractFhir(bundle("Patient/a", patient("a", "female", "1990-03-01"), patient("b", "male", "1950-01-01")))).toThrow(/holds results for 2 people/);
    expect(() => extractFhir(bundle("Patient/elsewhere", patient("a", "female", "1990-03-01")))).toThrow(/holds results for 2 people/);
  });

  it("leaves out gender other/unknown and an age a partial birth date cannot give", () => {
    expect(extractFhir(observation({ contained: [patient("p", "other", "1961-04-02")], subject: { reference: "#p" } })).patient).toEqual({ age: 63 });
    expect(extractFhir(observation({ contained: [patient("p", "unknown", "1961")], subject: { reference: "#p" } })).patient).toBeUndefined();
    expect(extractFhir(observation({ contained: [patient("p", "female", "1961-09")], subject: { reference: "#p" } })).patient).toEqual({ sex: "female", age: 63 });
  });
});

describe("scanned report", () => {
  it("reads Age/Sex from an OCR'd image", async () => {
    const canvas = createCanvas(1400, 420);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, 1400, 420);
    context.fillStyle = "#000000";
    context.font = "30px sans-serif";
    context.fillText("Age / Sex : 52 Y / Female", 60, 70);
    context.fillText("Date: 03/10/2026", 760, 70);
    const x = [60, 480, 700, 960];
    ["Test", "Result", "Unit", "Reference Range"].forEach((heading, column) => context.fillText(heading, x[column], 170));
    [
      ["Hemoglobin", "11.9", "g/dL", "12.0 - 15.5"],
      ["Creatinine", "0.9", "mg/dL", "0.5 - 1.1"],
    ].forEach((row, index) => row.forEach((cell, column) => context.fillText(cell, x[column], 240 + index * 60)));
    const result = await extractLab({ bytes: new Uint8Array(canvas.toBuffer("image/png")) });
    expect(result.format).toBe("image");
    expect(result.patient).toEqual({ sex: "female", age: 52 });
  });
});
