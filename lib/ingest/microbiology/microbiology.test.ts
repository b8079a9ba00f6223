import { describe, expect, it } from "vitest";
import { microbiologySample } from "@/tests/fixtures/microbiology";
import { extractLab } from "..";
import { extractHl7v2 } from "../hl7v2";
import { extractFhir } from "../fhir";
import { antibioticName, readInterpretation } from "./words";

const MSH = "MSH|^~\\&|LAB|FAC|APP|FAC|20250110||ORU^R01|1|P|2.5.1";

describe("HL7 v2 cultures", () => {
  it("links a susceptibility OBR to its culture by OBR-26 and reads SN MICs with their S/I/R (NIST ELR Shigella)", async () => {
    const result = await extractLab({ bytes: microbiologySample("NIST-ELR-004-shigella-susceptibility.hl7") });
    expect(result.analytes).toEqual([]);
    expect(result.microbiology).toEqual([
      {
        test: "Bacteria identified in Stool by Culture",
        loinc: "625-4",
        specimen: "Stool specimen",
        organism: "Shigella flexneri",
        observedAt: "2011-05-28",
        susceptibilities: [
          { antibiotic: "Amoxicillin+Clavulanate", mic: "16", interpretation: "I", method: "MIC" },
          { antibiotic: "Trimethoprim+Sulfamethoxazole", mic: "8/152", interpretation: "R", method: "MIC" },
          { antibiotic: "Ciprofloxacin", mic: "<=0.06", interpretation: "S", method: "MIC" },
        ],
      },
    ]);
  });

  it("keeps chemistry in the same message as analytes and marks a corrected susceptibility", () => {
    const result = extractHl7v2(
      [
        MSH,
        "OBR|1|||24323-8^Comprehensive metabolic panel^LN|||20250110",
        "OBX|1|NM|2345-7^Glucose^LN||142|mg/dL|70-99|H|||F",
        "OBR|2||F1|630-4^Bacteria identified in Urine by Culture^LN|||20250110||||||||||||||||||P",
        "OBX|1|CWE|630-4^Bacteria identified in Urine by Culture^LN|1|112283007^Escherichia coli^SCT||||||P",
        "OBX|2|SN|564-5^Colony count^LN|1|>^100000|{CFU}/mL|||||P",
        "OBX|3|SN|18864-9^Ampicillin [Susceptibility]^LN|1|>=^32|ug/mL||R|||C",
        "OBX|4|ST|18993-6^Nitrofurantoin [Susceptibility]^LN|1|Susceptible||||||F",
      ].join("\r"),
    );
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose"]);
    expect(result.microbiology).toEqual([
      {
        test: "Bacteria identified in Urine by Culture",
        loinc: "630-4",
        specimen: "Urine",
        organism: "Escherichia coli",
        quantity: ">100000 {CFU}/mL",
        observedAt: "2025-01-10",
        resultStatus: "corrected",
        susceptibilities: [
          { antibiotic: "Ampicillin", mic: ">=32", interpretation: "R" },
          { antibiotic: "Nitrofurantoin", interpretation: "S" },
        ],
      },
    ]);
  });

  it("links each susceptibility OBR to its own isolate by the OBR-26 sub-id when the culture grew two organisms", () => {
    const result = extractHl7v2(
      [
        MSH,
        "OBR|1||CULT1|630-4^Bacteria identified in Urine by Culture^LN|||20250110",
        "OBX|1|CWE|630-4^Bacteria identified in Urine by Culture^LN|1|112283007^Escherichia coli^SCT||||||F",
        "OBX|2|CWE|630-4^Bacteria identified in Urine by Culture^LN|2|73457008^Proteus mirabilis^SCT||||||F",
        "OBR|2||SUS2|29576-6^Bacterial susceptibility panel^LN|||20250110||||||||||||||||||F|630-4&Bacteria identified&LN^2^Proteus mirabilis|||^CULT1",
        "OBX|1|SN|18864-9^Ampicillin [Susceptibility]^LN|2|<=^2|ug/mL||S|||F",
        "OBR|3||SUS1|29576-6^Bacterial susceptibility panel^LN|||20250110||||||||||||||||||F|630-4&Bacteria identified&LN^1^Escherichia coli|||^CULT1",
        "OBX|1|SN|18864-9^Ampicillin [Susceptibility]^LN|1|>=^32|ug/mL||R|||F",
      ].join("\r"),
    );
    expect(result.analytes).toEqual([]);
    expect(result.microbiology?.map((culture) => [culture.organism, culture.susceptibilities])).toEqual([
      ["Escherichia coli", [{ antibiotic: "Ampicillin", mic: ">=32", interpretation: "R" }]],
      ["Proteus mirabilis", [{ antibiotic: "Ampicillin", mic: "<=2", interpretation: "S" }]],
    ]);
  });

  it("reads a culture that grew nothing as a finding, not an organism", () => {
    const result = extractHl7v2([MSH, "OBR|1|||600-7^Blood culture^LN|||20250110", "OBX|1|ST|600-7^Bacteria identified in Blood by Culture^LN||No growth after 5 days||||||F"].join("\r"));
    expect(result.analytes).toEqual([]);
    expect(result.microbiology).toEqual([expect.objectContaining({ finding: "No growth after 5 days", susceptibilities: [] })]);
    expect(result.microbiology?.[0].organism).toBeUndefined();
  });

  it("leaves a cancelled culture result to the analyte reader, which lists it as skipped with the lab's reason", () => {
    const result = extractHl7v2([MSH, "OBR|1|||600-7^Blood culture^LN|||20250110", "OBX|1|CWE|600-7^Bacteria identified^LN||^Staphylococcus aureus||||||X"].join("\r"));
    expect(result.microbiology).toBeUndefined();
    expect(result.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/could not be obtained/) })]);
  });
});

describe("FHIR R4 cultures", () => {
  it("reads 'Moderate growth' under an organism (hasMember) as how much grew, never as another organism", () => {
    const culture = { coding: [{ system: "http://loinc.org", code: "624-7", display: "Bacteria Spt Resp Cul" }] };
    const observation = (id: string, value: string, hasMember: string[] = []) => ({
      resourceType: "Observation",
      id,
      status: "final",
      code: culture,
      valueCodeableConcept: { coding: [{ system: "http://snomed.info/sct", display: value }] },
      ...(hasMember.length ? { hasMember: hasMember.map((reference) => ({ reference })) } : {}),
    });
    const mic = { resourceType: "Observation", id: "amp", status: "final", code: { coding: [{ system: "http://loinc.org", code: "28-1", display: "Ampicillin Islt MIC" }] }, valueQuantity: { value: 0.06, comparator: "<" }, interpretation: [{ coding: [{ code: "S" }] }] };
    const report = { resourceType: "DiagnosticReport", id: "r", status: "final", category: [{ coding: [{ code: "MB" }] }], code: culture, result: [{ reference: "Observation/growth" }, { reference: "Observation/organism" }] };
    const resources = [report, observation("growth", "Moderate growth"), observation("organism", "Klebsiella pneumoniae", ["Observation/growth", "Observation/amp"]), mic];
    const result = extractFhir({ resourceType: "Bundle", type: "collection", entry: resources.map((resource) => ({ resource })) });
    expect(result.analytes).toEqual([]);
    expect(result.microbiology).toEqual([
      expect.objectContaining({ organism: "Klebsiella pneumoniae", quantity: "Moderate growth", susceptibilities: [expect.objectContaining({ mic: "<0.06", interpretation: "S" })] }),
    ]);
  });

  it("reads the specification's micro example: organism, MICs with comparators, disk diffusion, D-test note, nothing as chemistry", async () => {
    const result = await extractLab({ bytes: microbiologySample("diagnosticreport-micro1.json") });
    expect(result.analytes).toEqual([]);
    expect(result.microbiology).toHaveLength(1);
    const [culture] = result.microbiology ?? [];
    expect(culture).toMatchObject({ test: "Culture, MRSA", loinc: "632-0", organism: "Staphylococcus aureus" });
    expect(culture.susceptibilities).toHaveLength(19);
    expect(culture.susceptibilities).toContainEqual({ antibiotic: "Ampicillin", interpretation: "R", method: "MIC" });
    expect(culture.susceptibilities).toContainEqual({ antibiotic: "Cefazolin", mic: "<=2", interpretation: "S", method: "MIC" });
    expect(culture.susceptibilities).toContainEqual({ antibiotic: "Erythromycin", mic: ">=8", interpretation: "R", method: "MIC" });
    expect(culture.susceptibilities).toContainEqual({ antibiotic: "Oxacillin", interpretation: "S", method: "Disk diffusion" });
    expect(culture.notes).toMatch(/D-Test: +Negative/);
  });

  it("attaches susceptibilities to the organism they are derivedFrom and marks an amended one corrected", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        {
          fullUrl: "urn:uuid:org",
          resource: {
            resourceType: "Observation",
            id: "org",
            status: "final",
            category: [{ coding: [{ code: "laboratory" }] }],
            code: { coding: [{ system: "http://loinc.org", code: "630-4", display: "Bacteria identified in Urine by Culture" }] },
            valueCodeableConcept: { coding: [{ system: "http://snomed.info/sct", code: "112283007", display: "Escherichia coli" }] },
          },
        },
        {
          fullUrl: "urn:uuid:amp",
          resource: {
            resourceType: "Observation",
            status: "amended",
            category: [{ coding: [{ code: "laboratory" }] }],
            code: { coding: [{ system: "http://loinc.org", code: "18864-9", display: "Ampicillin [Susceptibility]" }] },
            valueQuantity: { value: 32, comparator: ">=", unit: "ug/mL" },
            interpretation: [{ coding: [{ code: "R" }] }],
            derivedFrom: [{ reference: "urn:uuid:org" }],
          },
        },
        {
          resource: {
            resourceType: "Observation",
            status: "final",
            category: [{ coding: [{ code: "laboratory" }] }],
            code: { coding: [{ system: "http://loinc.org", code: "2345-7", display: "Glucose" }] },
            valueQuantity: { value: 95, unit: "mg/dL" },
          },
        },
      ],
    };
    const result = extractFhir(bundle);
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose"]);
    expect(result.microbiology).toEqual([
      {
        test: "Bacteria identified in Urine by Culture",
        loinc: "630-4",
        organism: "Escherichia coli",
        resultStatus: "corrected",
        susceptibilities: [{ antibiotic: "Ampicillin", mic: ">=32", interpretation: "R" }],
      },
    ]);
  });
});

describe("microbiology words", () => {
  it.each([
    ["Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)", "Ciprofloxacin"],
    ["CIPROFLOXACIN SUSC ISLT", "Ciprofloxacin"],
    ["Ampicillin:Susc:Pt:Isolate:OrdQn", "Ampicillin"],
    ["Susceptibility Ampicillin", "Ampicillin"],
    ["Trimethoprim/Sulfamethoxazole", "Trimethoprim/Sulfamethoxazole"],
  ])("names the antibiotic of %s", (code, name) => {
    expect(antibioticName(code)).toBe(name);
  });

  it.each([
    ["S", undefined, "S"],
    ["R", "Resistant. Indicates for microbiology susceptibilities only.", "R"],
    ["MS", undefined, "I"],
    ["SDD", undefined, "SDD"],
    [undefined, "Sensitive", "S"],
    [undefined, "Susceptible-dose dependent", "SDD"],
    ["H", "High", undefined],
  ])("reads interpretation %s / %s", (code, text, expected) => {
    expect(readInterpretation(code, text)).toBe(expected);
  });
});

describe("FHIR R4 microbiology reports with other results", () => {
  it("keeps a measurement in a microbiology report that is not a culture result as an analyte", () => {
    const report = {
      resourceType: "DiagnosticReport",
      status: "final",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0074", code: "MB" }] }],
      code: { text: "Urine culture" },
      result: [{ reference: "#org" }, { reference: "#wbc" }],
      contained: [
        { resourceType: "Observation", id: "org", status: "final", code: { text: "Organism" }, valueCodeableConcept: { text: "Proteus mirabilis" } },
        {
          resourceType: "Observation",
          id: "wbc",
          status: "final",
          category: [{ coding: [{ code: "laboratory" }] }],
          code: { coding: [{ system: "http://loinc.org", code: "5821-4", display: "WBC #/area in Urine sediment by Microscopy high power field" }] },
          valueQuantity: { value: 25, unit: "/[HPF]" },
        },
      ],
    };
    const result = extractFhir(report);
    expect(result.microbiology).toEqual([expect.objectContaining({ test: "Urine culture", organism: "Proteus mirabilis" })]);
    expect(result.analytes.map((analyte) => analyte.value)).toEqual(["25"]);
  });
});
