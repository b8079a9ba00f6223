/**
 * Microbiology in FHIR R4 (hl7.org/fhir/R4/diagnosticreport-example-micro1 and the LRI/US Core culture
 * pattern): a DiagnosticReport of category MB/microbiology (or a culture code) whose results are organism
 * Observations (valueCodeableConcept) and susceptibility Observations (valueQuantity with a comparator, or
 * an S/I/R interpretation), tied together by `hasMember` panels or by `derivedFrom` the organism.
 *
 * The Observations read here are returned in `consumed`, so the analyte reader never reads them as chemistry.
 */
import type { CodeableConcept, DiagnosticReport, Observation, Reference, Resource } from "../fhir-types";
import { parseDate } from "../dates";
import type { MicrobiologyResult, Susceptibility } from "./types";
import { antibioticName, isColonyCount, isGrowthText, isNoOrganismText, isOrganismCode, isSusceptibilityCode, readInterpretation, readMethod, specimenName } from "./words";

const LOINC_SYSTEM = "http://loinc.org";

/** The parts of the resources this module reads beyond fhir-types. */
type MicroObservation = Observation & { hasMember?: Reference[]; derivedFrom?: Reference[]; specimen?: Reference };
type MicroReport = DiagnosticReport & { category?: CodeableConcept[]; code?: CodeableConcept; status?: string; specimen?: Reference[]; effectivePeriod?: { start?: string } };
type Specimen = Resource & { type?: CodeableConcept };

const loincOf = (concept: CodeableConcept | undefined) => concept?.coding?.find((coding) => coding.system === LOINC_SYSTEM && coding.code)?.code;
const nameOf = (concept: CodeableConcept | undefined) =>
  concept?.text?.trim() || concept?.coding?.find((coding) => coding.display)?.display?.trim() || concept?.coding?.find((coding) => coding.code)?.code?.trim() || "";

const isObservation = (resource: Resource | undefined): resource is MicroObservation => resource?.resourceType === "Observation";

/** Category MB (HL7 v2 table 0074, as the spec's micro example codes it) or any category naming microbiology. */
function isMicrobiologyReport(report: MicroReport): boolean {
  const categories = (report.category ?? []).flatMap((concept) => (concept.coding ?? []).map((coding) => `${coding.code ?? ""} ${coding.display ?? ""}`).concat(concept.text ?? ""));
  if (categories.some((text) => /(^|\s)MB(\s|$)|microbiolog/i.test(text))) return true;
  const name = nameOf(report.code);
  return isOrganismCode(loincOf(report.code), name) || isSusceptibilityCode(loincOf(report.code), name);
}

const interpretationOf = (observation: MicroObservation) => {
  for (const concept of observation.interpretation ?? []) {
    for (const coding of concept.coding ?? []) {
      const found = readInterpretation(coding.code, coding.display);
      if (found) return found;
    }
    const found = readInterpretation(undefined, concept.text);
    if (found) return found;
  }
  return observation.valueCodeableConcept ? readInterpretation(observation.valueCodeableConcept.coding?.[0]?.code, nameOf(observation.valueCodeableConcept)) : undefined;
};

const isOrganism = (observation: MicroObservation) => {
  const name = nameOf(observation.code);
  const loinc = loincOf(observation.code);
  const text = observation.valueCodeableConcept ? nameOf(observation.valueCodeableConcept) : observation.valueString;
  return Boolean(text?.trim()) && !interpretationOf(observation) && !isSusceptibilityCode(loinc, name) && isOrganismCode(loinc, name);
};

const statusOf = (statuses: (string | undefined)[]): MicrobiologyResult["resultStatus"] => {
  if (statuses.some((status) => status === "amended" || status === "corrected")) return "corrected";
  if (statuses.some((status) => status === "preliminary" || status === "registered")) return "preliminary";
  return undefined;
};

interface Culture {
  result: MicrobiologyResult;
  statuses: (string | undefined)[];
  notes: string[];
}

interface Context {
  test: string;
  loinc?: string;
  specimen?: string;
  observedAt?: string;
  status?: string;
  culture?: Culture;
  /** The panel the observation sits in names susceptibility testing (its method, if it says one). */
  panel?: string;
}

export interface FhirMicrobiology {
  results: MicrobiologyResult[];
  /** The Observations read as microbiology: the analyte reader leaves them alone. */
  consumed: Set<Observation>;
}

type Lookup = (reference: string) => Resource | undefined;

class Walker {
  readonly cultures: Culture[] = [];
  readonly consumed = new Set<Observation>();
  private readonly byOrganism = new Map<Observation, Culture>();

  constructor(private readonly lookup: Lookup) {}

  resolve(reference: Reference | undefined, contained: Resource[] = []): Resource | undefined {
    const target = reference?.reference;
    if (!target) return undefined;
    return (target.startsWith("#") ? contained.find((resource) => `#${resource.id}` === target) : undefined) ?? this.lookup(target);
  }

  private specimenOf(reference: Reference | undefined, contained: Resource[]): string | undefined {
    const specimen = this.resolve(reference, contained) as Specimen | undefined;
    const name = specimen?.resourceType === "Specimen" ? nameOf(specimen.type) : reference?.display;
    return name ? specimenName(name) : undefined;
  }

  report(report: MicroReport) {
    const contained = report.contained ?? [];
    const context: Context = {
      test: nameOf(report.code) || "Culture",
      loinc: loincOf(report.code),
      specimen: this.specimenOf(report.specimen?.[0], contained),
      observedAt: report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued,
      status: report.status,
    };
    for (const reference of report.result ?? []) {
      const target = this.resolve(reference, contained);
      if (isObservation(target)) this.walk(target, context, contained);
    }
  }

  /**
   * A susceptibility Observation outside any panel: tied to its organism by `derivedFrom`, or — when its code
   * says it is a susceptibility — kept with the culture results on its own.
   */
  looseSusceptibility(observation: MicroObservation) {
    if (this.consumed.has(observation) || (observation.hasMember?.length ?? 0) > 0) return;
    const parent = (observation.derivedFrom ?? []).map((reference) => this.resolve(reference, observation.contained ?? [])).find(isObservation);
    const culture = parent ? this.byOrganism.get(parent) : undefined;
    const name = nameOf(observation.code);
    if (!culture && !(isSusceptibilityCode(loincOf(observation.code), name) && interpretationOf(observation))) return;
    this.walk(observation, { test: culture?.result.test ?? "Susceptibility", culture }, observation.contained ?? []);
  }

  /** An organism or culture Observation outside any microbiology report. */
  standalone(observation: MicroObservation) {
    if (this.consumed.has(observation)) return;
    const name = nameOf(observation.code);
    const loinc = loincOf(observation.code);
    const isCulturePanel = (observation.hasMember?.length ?? 0) > 0 && (isOrganismCode(loinc, name) || isSusceptibilityCode(loinc, name));
    if (!isOrganism(observation) && !isCulturePanel) return;
    this.walk(observation, { test: name || "Culture", loinc, observedAt: undefined, status: undefined }, observation.contained ?? []);
  }

  private newCulture(observation: MicroObservation, context: Context, contained: Resource[]): Culture {
    const value = observation.valueCodeableConcept ? nameOf(observation.valueCodeableConcept) : (observation.valueString ?? "").trim();
    const observed = parseDate(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? context.observedAt ?? observation.issued ?? "");
    const specimen = this.specimenOf(observation.specimen, contained) ?? context.specimen;
    const notes = (observation.note ?? []).map((note) => note.text?.trim() ?? "").filter(Boolean);
    const culture: Culture = {
      result: {
        test: context.test,
        ...(context.loinc ? { loinc: context.loinc } : {}),
        ...(specimen ? { specimen } : {}),
        ...(isNoOrganismText(value) ? { finding: value } : { organism: value }),
        ...(observed ? { observedAt: observed } : {}),
        susceptibilities: [],
      },
      statuses: [context.status, observation.status],
      notes,
    };
    this.cultures.push(culture);
    this.byOrganism.set(observation, culture);
    return culture;
  }

  private orphan(context: Context): Culture {
    const observed = context.observedAt ? parseDate(context.observedAt) : undefined;
    const culture: Culture = {
      result: {
        test: context.test,
        ...(context.loinc ? { loinc: context.loinc } : {}),
        ...(context.specimen ? { specimen: context.specimen } : {}),
        ...(observed ? { observedAt: observed } : {}),
        susceptibilities: [],
      },
      statuses: [context.status],
      notes: [],
    };
    this.cultures.push(culture);
    return culture;
  }

  private susceptibility(observation: MicroObservation, context: Context): Susceptibility {
    const quantity = observation.valueQuantity;
    const value = typeof quantity?.value === "number" ? `${quantity.comparator ?? ""}${quantity.value}` : observation.valueString?.trim();
    const interpretation = interpretationOf(observation);
    const name = nameOf(observation.code);
    const method = readMethod(name) ?? (context.panel ? readMethod(context.panel) : undefined);
    return {
      antibiotic: antibioticName(name),
      ...(value && !(readInterpretation(value) && !/\d/.test(value)) ? { mic: value } : {}),
      ...(interpretation ? { interpretation } : {}),
      ...(method ? { method } : {}),
    };
  }

  private walk(observation: MicroObservation, context: Context, contained: Resource[]) {
    if (this.consumed.has(observation)) return;
    // "Moderate growth" under an organism (US Core/LRI hasMember) is how much of it grew, not another organism;
    // met before its organism, it waits to be read as that organism's member.
    const growth = observation.valueCodeableConcept ? nameOf(observation.valueCodeableConcept) : observation.valueString?.trim();
    if (growth && isGrowthText(growth)) {
      if (!context.culture) return;
      this.consumed.add(observation);
      context.culture.result.quantity ??= growth;
      return;
    }
    this.consumed.add(observation);
    const name = nameOf(observation.code);
    const loinc = loincOf(observation.code);
    const members = (observation.hasMember ?? []).map((reference) => this.resolve(reference, contained)).filter(isObservation);

    if (isOrganism(observation)) {
      const culture = this.newCulture(observation, context, contained);
      members.forEach((member) => this.walk(member, { ...context, culture }, contained));
      return;
    }
    const hasValue = observation.valueQuantity !== undefined || observation.valueString !== undefined || observation.valueCodeableConcept !== undefined;
    const interpretation = interpretationOf(observation);
    const inPanel = context.panel !== undefined;
    if (members.length === 0 && (interpretation || (isSusceptibilityCode(loinc, name) && hasValue) || (inPanel && observation.valueQuantity))) {
      const parent = (observation.derivedFrom ?? []).map((reference) => this.resolve(reference, contained)).find(isObservation);
      const culture = (parent && this.byOrganism.get(parent)) ?? context.culture ?? (context.culture = this.orphan(context));
      culture.result.susceptibilities.push(this.susceptibility(observation, context));
      culture.statuses.push(observation.status);
      return;
    }
    if (members.length === 0) {
      const text = observation.valueString?.trim();
      const count = observation.valueQuantity;
      if (text && context.culture) {
        context.culture.notes.push(text.toLowerCase().startsWith(name.toLowerCase()) ? text : `${name}: ${text}`);
      } else if (isColonyCount(loinc, name) && context.culture && typeof count?.value === "number") {
        const unit = count.unit ?? count.code ?? "";
        context.culture.result.quantity = `${count.comparator ?? ""}${count.value}${unit ? ` ${unit}` : ""}`;
      } else if (count !== undefined || observation.valueInteger !== undefined) {
        // A measurement in a microbiology report that is none of these (a urine white-cell count) stays an analyte.
        this.consumed.delete(observation);
      }
      return;
    }
    // A panel: its organisms first, so the susceptibilities beside them know which organism they belong to.
    const panel = isSusceptibilityCode(loinc, name) ? name : context.panel;
    let culture = context.culture;
    for (const member of members.filter(isOrganism)) {
      this.walk(member, context, contained);
      culture = this.byOrganism.get(member) ?? culture;
    }
    const inner: Context = { ...context, culture, ...(panel !== undefined ? { panel } : {}) };
    for (const member of members) this.walk(member, inner, contained);
    if (!context.culture && inner.culture && !culture) context.culture = inner.culture;
  }
}

/**
 * Reads every microbiology report among `resources` (a Bundle's entries, or the one resource sent), then any
 * organism Observation outside a report; `results` is empty when there is none.
 */
export function readFhirMicrobiology(resources: Resource[], lookup: Lookup = () => undefined): FhirMicrobiology {
  const walker = new Walker(lookup);
  for (const resource of resources) {
    if (resource.resourceType === "DiagnosticReport" && isMicrobiologyReport(resource as MicroReport)) walker.report(resource as MicroReport);
  }
  for (const resource of resources) {
    if (isObservation(resource)) walker.standalone(resource);
  }
  for (const resource of resources) {
    if (isObservation(resource)) walker.looseSusceptibility(resource);
  }
  const results = walker.cultures.map(({ result, statuses, notes }) => {
    const resultStatus = statusOf(statuses);
    const note = notes.join("\n");
    return { ...result, ...(resultStatus ? { resultStatus } : {}), ...(note ? { notes: note } : {}) };
  });
  return { results, consumed: walker.consumed };
}
