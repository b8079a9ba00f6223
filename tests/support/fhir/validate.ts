/**
 * Validates FHIR R4 JSON with `@medplum/core`'s validator (`validateResource`: cardinalities, data types,
 * unknown elements, choice types, fixed values and the FHIRPath invariants of the spec), loaded with the
 * HL7 StructureDefinitions in ./r4-definitions.json (scripts/fhir-definitions.ts says how it is made), and
 * checks what it leaves to a server: that every reference in a Bundle resolves to one of its entries.
 */
import { readFileSync } from "node:fs";
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";

// @medplum/fhirtypes (the types of these functions' arguments) is not installed: the signatures taken here.
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
type Resource = Parameters<typeof validateResource>[0];
interface OutcomeIssue {
  severity: string;
  expression?: string[];
  details?: { text?: string };
}

let loaded = false;
function load() {
  if (loaded) return;
  indexStructureDefinitionBundle(JSON.parse(readFileSync(new URL("./r4-definitions.json", import.meta.url), "utf8")) as Bundle);
  loaded = true;
}

export interface FhirIssue {
  severity: string;
  expression: string;
  text: string;
}

/** The validator's issues for one resource; [] when it is valid R4. */
export function fhirIssues(resource: { resourceType: string }): FhirIssue[] {
  load();
  try {
    const outcome = validateResource(resource as Resource);
    return (outcome as OutcomeIssue[]).map((i) => ({ severity: i.severity, expression: i.expression?.join(",") ?? "", text: i.details?.text ?? "" }));
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return ((error.outcome.issue ?? []) as OutcomeIssue[]).map((i) => ({ severity: i.severity, expression: i.expression?.join(",") ?? "", text: i.details?.text ?? "" }));
  }
}

/**
 * The issues that matter in a Bundle of `urn:uuid:` entries: everything the validator reports for the Bundle
 * and for each resource, except its warning that a `urn:uuid:` reference does not name the target's type
 * (it cannot, by design: the type is the entry's) when that reference does resolve to an entry of the
 * right type; and any reference that resolves to no entry.
 */
export function bundleIssues(bundle: { resourceType: "Bundle"; entry: { fullUrl: string; resource: { resourceType: string } }[] }): FhirIssue[] {
  const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource.resourceType]));
  const issues: FhirIssue[] = [];
  if (byUrl.size !== bundle.entry.length) issues.push({ severity: "error", expression: "Bundle.entry.fullUrl", text: "fullUrl not unique" });
  for (const resource of [bundle, ...bundle.entry.map((e) => e.resource)]) {
    for (const issue of fhirIssues(resource)) {
      const urn = /^Invalid reference: got "(urn:uuid:[^"]+)", expected (.*)$/.exec(issue.text);
      const target = urn && byUrl.get(urn[1]);
      if (issue.severity === "warning" && target && urn[2].includes(`StructureDefinition/${target}"`)) continue;
      issues.push({ ...issue, expression: `${resource.resourceType}:${issue.expression}` });
    }
  }
  const references = JSON.stringify(bundle).match(/"reference":"[^"]*"/g) ?? [];
  for (const r of references) {
    const ref = r.slice(13, -1);
    if (!byUrl.has(ref)) issues.push({ severity: "error", expression: "reference", text: `unresolved reference ${ref}` });
  }
  return issues;
}
