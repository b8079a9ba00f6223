import { describe, expect, it } from "vitest";
import { sampleText } from "../../tests/fixtures/samples";
import { extractLab } from "./index";

const bytes = (text: string) => new TextEncoder().encode(text);
const SEVERAL = /^this file holds results for (\d+) people; Labwise reads one person's results per file — split it and send each person's results on their own$/;

describe("a CSV with a patient column", () => {
  // A long-format export: one row per result, the patient's name in its own column, low and high apart.
  const longFormat = [
    "Patient Name,Test Name,Result,Unit,Low,High,Collected",
    "Maria Lopez,Sodium,174,mmol/L,135,145,2024-03-01",
    "Maria Lopez,Potassium,4.1,mmol/L,3.5,5.1,2024-03-01",
    "John Carter,Sodium,119,mmol/L,135,145,2024-03-01",
    "John Carter,Potassium,6.0,mmol/L,3.5,5.1,2024-03-01",
    "Ana Silva,Sodium,140,mmol/L,135,145,2024-03-02",
  ].join("\n");

  it("refuses a file about three people, naming how many", async () => {
    await expect(extractLab({ bytes: bytes(longFormat) })).rejects.toThrow(SEVERAL);
    await expect(extractLab({ bytes: bytes(longFormat) })).rejects.toThrow(/results for 3 people/);
  });

  it("reads one person's long-format history, with the name never an analyte and low/high as the range", async () => {
    const onePerson = longFormat.split("\n").filter((line, index) => index === 0 || line.startsWith("Maria Lopez")).join("\n");
    const result = await extractLab({ bytes: bytes(onePerson) });
    expect(result.analytes.map((analyte) => [analyte.name, analyte.value, analyte.referenceRange])).toEqual([
      ["Sodium", "174", "135-145"],
      ["Potassium", "4.1", "3.5-5.1"],
    ]);
    expect(result.analytes[0].parsed.range).toMatchObject({ low: 135, high: 145 });
    expect(JSON.stringify(result)).not.toMatch(/Maria|Lopez/);
  });

  it("takes a bare Name column beside a Test column as the person, not the test", async () => {
    const csv = "Name,Test,Value,Units\nJane Roe,Glucose,126,mg/dL\nRichard Roe,Glucose,92,mg/dL\n";
    await expect(extractLab({ bytes: bytes(csv) })).rejects.toThrow(/results for 2 people/);
  });

  it("keeps a Name column as the test's name beside a Description", async () => {
    const csv = "Code,Name,Description,Result,Units\nGLU,Glucose,Fasting glucose,126,mg/dL\nNA,Sodium,Serum sodium,139,mmol/L\n";
    const result = await extractLab({ bytes: bytes(csv) });
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose", "Sodium"]);
  });

  it("counts people by patient id even when names are spelled differently", async () => {
    const csv = "MRN,Patient,Analyte,Result,Units\n001,jane roe,Glucose,126,mg/dL\n001,Jane  Roe,HbA1c,7.1,%\n";
    const result = await extractLab({ bytes: bytes(csv) });
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose", "HbA1c"]);
  });
});

describe("JSON lab items", () => {
  it("refuses items that name two patients, and reads one patient's items", async () => {
    const items = [
      { patientId: "A-1", name: "Sodium", value: 174, unit: "mmol/L" },
      { patientId: "B-2", name: "Sodium", value: 119, unit: "mmol/L" },
    ];
    await expect(extractLab({ bytes: bytes(JSON.stringify({ results: items })) })).rejects.toThrow(/results for 2 people/);
    const one = await extractLab({ bytes: bytes(JSON.stringify({ results: [items[0], { ...items[0], name: "Potassium", value: 4.1 }] })) });
    expect(one.analytes.map((analyte) => analyte.name)).toEqual(["Sodium", "Potassium"]);
  });
});

describe("an HL7 v2 batch", () => {
  const msh = (id: string) => `MSH|^~\\&|LAB|FAC|EHR|FAC|2025011508${id}||ORU^R01|MSG${id}|P|2.5.1`;
  const obx = "OBX|1|NM|2823-3^Potassium^LN||6.0|mmol/L|3.5-5.1|H|||F";

  it("refuses a batch whose messages are about two people", async () => {
    const batch = [
      "FHS|^~\\&|LAB", "BHS|^~\\&|LAB",
      msh("01"), "PID|1||MRN100^^^FAC^MR||Carter^John||19600101|M", "OBR|1|||2823-3^Potassium^LN|||20250115", obx,
      msh("02"), "PID|1||MRN200^^^FAC^MR||Silva^Ana||19700101|F", "OBR|1|||2823-3^Potassium^LN|||20250115", obx,
      "BTS|2", "FTS|1",
    ].join("\r");
    await expect(extractLab({ bytes: bytes(batch), filename: "batch.hl7" })).rejects.toThrow(/results for 2 people/);
  });

  it("reads one person's messages across a batch as a history", async () => {
    const history = [
      msh("01"), "PID|1||MRN100^^^FAC^MR||Carter^John||19600101|M", "OBR|1|||2823-3^Potassium^LN|||20240115", obx,
      msh("02"), "PID|1||MRN100^^^FAC^MR~555-12-3456^^^SSA^SS||Carter^John||19600101|M", "OBR|1|||2823-3^Potassium^LN|||20250115", obx,
    ].join("\r");
    const result = await extractLab({ bytes: bytes(history), filename: "history.hl7" });
    expect(result.analytes).toHaveLength(2);
    expect(result.patient).toMatchObject({ sex: "male", age: 65 });
  });

  it("still reads the public sample messages (one PID each)", async () => {
    const result = await extractLab({ bytes: bytes(sampleText("LRI_2.0-NG_CBC_Typ_Message.hl7")) });
    expect(result.analytes.length).toBeGreaterThan(0);
  });
});

describe("a FHIR Bundle", () => {
  const observation = (subject: string, value: number) => ({
    resourceType: "Observation",
    status: "final",
    category: [{ coding: [{ code: "laboratory" }] }],
    code: { coding: [{ system: "http://loinc.org", code: "2951-2", display: "Sodium" }] },
    subject: { reference: subject },
    valueQuantity: { value, unit: "mmol/L" },
  });
  const bundle = (...resources: object[]) => bytes(JSON.stringify({ resourceType: "Bundle", type: "searchset", entry: resources.map((resource) => ({ resource })) }));

  it("refuses a searchset about two Patients", async () => {
    const patients = [{ resourceType: "Patient", id: "p1" }, { resourceType: "Patient", id: "p2" }];
    await expect(extractLab({ bytes: bundle(...patients, observation("Patient/p1", 174), observation("Patient/p2", 119)) })).rejects.toThrow(SEVERAL);
  });

  it("refuses Observations about different subjects even without their Patients", async () => {
    await expect(extractLab({ bytes: bundle(observation("Patient/a", 174), observation("Patient/b", 119), observation("Patient/c", 140)) })).rejects.toThrow(/results for 3 people/);
  });

  it("does not count a Group or Location subject as another person", async () => {
    const result = await extractLab({ bytes: bundle({ resourceType: "Patient", id: "p1" }, observation("Patient/p1", 140), observation("Location/ward-3", 139), observation("Group/cohort", 141)) });
    expect(result.analytes).toHaveLength(3);
  });

  it("reads a collection of Bundles as one file: every result, and every person counted", async () => {
    const inner = (patient: string, value: number) => ({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "Patient", id: patient } }, { resource: observation(`Patient/${patient}`, value) }] });
    const collection = (...bundles: object[]) => bytes(JSON.stringify({ resourceType: "Bundle", type: "collection", entry: bundles.map((resource) => ({ resource })) }));
    await expect(extractLab({ bytes: collection(inner("p1", 174), inner("p2", 119)) })).rejects.toThrow(/results for 2 people/);
    const one = await extractLab({ bytes: collection(inner("p1", 174), inner("p1", 150)) });
    expect(one.analytes.map((analyte) => analyte.value)).toEqual(["174", "150"]);
  });

  it("reads many Observations about one Patient", async () => {
    const result = await extractLab({ bytes: bundle({ resourceType: "Patient", id: "p1", gender: "female" }, observation("Patient/p1", 174), observation("Patient/p1", 150)) });
    expect(result.analytes.map((analyte) => analyte.value)).toEqual(["174", "150"]);
  });
});
