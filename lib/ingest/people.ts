/**
 * How many different people a file's subjects stand for. Each subject (an HL7 PID, a FHIR Patient or
 * subject reference, a CSV row's patient cells) is described by keys — identifiers, a name, addresses —
 * and two subjects sharing any key are one person, so one person across many messages, rows or resources
 * (a history) counts once. The keys never leave lib/ingest.
 */
export function countPeople(keysPerSubject: readonly (readonly string[])[]): number {
  const groups: Set<string>[] = [];
  for (const keys of keysPerSubject) {
    if (keys.length === 0) continue;
    const joined = new Set(keys);
    for (const group of groups.filter((candidate) => keys.some((key) => candidate.has(key)))) {
      group.forEach((key) => joined.add(key));
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(joined);
  }
  return groups.length;
}
