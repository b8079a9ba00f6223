/**
 * Who a FHIR file's resources are about, to count the people in it (see ./people.ts). Subjects are told
 * apart by the Patient they resolve to (its identifiers, its name with its birth date, its id, the
 * resource itself) and by the reference written, so "Patient/p1", the Bundle entry `urn:uuid:…` of that
 * Patient and a contained copy with the same identifier are one person. Nothing here leaves lib/ingest.
 */
import type { Resource } from "./fhir-types";
import { countPeople } from "./people";

/** The parts of a Patient (hl7.org/fhir/R4/patient.html) that tell one person from another. */
export interface PatientIdentity extends Resource {
  birthDate?: string;
  identifier?: { system?: string; value?: string }[];
  name?: { family?: string; given?: string[]; text?: string }[];
}

export class FhirPeople {
  private readonly subjects: string[][] = [];
  private readonly objectKeys = new Map<Resource, string>();

  /**
   * A resource's subject: `reference` as written and the resource it resolved to, if any. A Group, Device
   * or Location is not a person; an unresolved reference that names no type may be one.
   */
  subject(reference: string, target: Resource | undefined) {
    const type = target?.resourceType ?? /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference)?.[1];
    if (type !== undefined && type !== "Patient") return;
    // "#p1" is local to the resource that contains it, so it is not a key shared with other resources.
    const keys = reference.startsWith("#") ? [] : [`ref:${reference}`];
    if (target) keys.push(...this.keys(target as PatientIdentity));
    this.subjects.push(keys);
  }

  /** A Patient entry of a Bundle, with the addresses (fullUrl) it can be referenced by. */
  patient(patient: PatientIdentity, ...addresses: string[]) {
    this.subjects.push([...this.keys(patient), ...addresses.map((address) => `ref:${address}`)]);
  }

  count(): number {
    return countPeople(this.subjects);
  }

  private keys(patient: PatientIdentity): string[] {
    const ids = (patient.identifier ?? []).flatMap((identifier) => (identifier.value ? [`id:${identifier.system ?? ""}|${identifier.value}`] : []));
    const names = (patient.name ?? []).flatMap((name) => {
      const written = (name.text ?? [name.family, ...(name.given ?? [])].filter(Boolean).join(" ")).trim().toLowerCase();
      return written ? [`name:${written}|${patient.birthDate ?? ""}`] : [];
    });
    return [this.objectKey(patient), ...ids, ...names, ...(patient.id ? [`ref:Patient/${patient.id}`] : [])];
  }

  private objectKey(resource: Resource): string {
    let key = this.objectKeys.get(resource);
    if (!key) {
      key = `object:${this.objectKeys.size + 1}`;
      this.objectKeys.set(resource, key);
    }
    return key;
  }
}
