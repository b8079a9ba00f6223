/**
 * Microbiology in HL7 v2 ORU^R01 (v2.5.1 ch. 7; the ELR 2.5.1 and LRI guides' culture and susceptibility
 * pattern): a culture OBR whose OBX names the organism (CWE/CE, e.g. SNOMED, or text), and susceptibility
 * results — either OBX in the same OBR linked by OBX-4 sub-id, or a child OBR linked to its parent by OBR-26
 * (parent result: the organism OBX-3, its OBX-4 and the organism text) and OBR-29 (parent placer/filler
 * number) — one OBX per antibiotic with the MIC (SN "<=^0.25", NM, ST) and OBX-8 S/I/R.
 *
 * The OBX segments read here are returned in `consumed`, so the analyte reader never reads them as chemistry.
 */
import type { Hl7Message, Hl7Segment } from "@medplum/core";
import { parseDate } from "../dates";
import { unescapeHl7 } from "../hl7-escapes";
import type { MicrobiologyResult, Susceptibility } from "./types";
import {
  antibioticName,
  isColonyCount,
  isNoOrganismText,
  isOrganismCode,
  isSusceptibilityCode,
  quantityIn,
  readInterpretation,
  readMethod,
  specimenName,
} from "./words";

const NUMERIC_TYPES = new Set(["NM", "SN"]);
const TEXT_TYPES = new Set(["ST", "TX", "FT"]);
const CODED_TYPES = new Set(["CWE", "CE", "CNE", "CF"]);
/** OBX-11 statuses with no result to show: the analyte reader lists them as skipped, with the lab's reason. */
const NO_RESULT = new Set(["D", "W", "X"]);

/** HL7 escape sequences (v2.5.1 §2.7) in text fields; a line break reads as a space here. */
const unescape = (text: string) => unescapeHl7(text, " ").trim();

const part = (segment: Hl7Segment, field: number, component: number, sub?: number) => unescape(segment.getComponent(field, component, sub));

/** A CE/CWE: its text (or original text, alternate text, code) and its LOINC code when either triplet is LN. */
function coded(segment: Hl7Segment, field: number, sub?: (component: number) => string) {
  const read = sub ?? ((component: number) => part(segment, field, component));
  const [code, text, system, altCode, altText, altSystem] = [1, 2, 3, 4, 5, 6].map(read);
  const name = text || read(9) || altText || code || altCode;
  const loinc = system === "LN" ? code : altSystem === "LN" ? altCode : undefined;
  return { code, name, loinc: loinc || undefined, altText };
}

interface Obx {
  segment: Hl7Segment;
  type: string;
  name: string;
  altText: string;
  code: string;
  loinc?: string;
  subId: string;
  status: string;
  notes: string[];
}

interface Group {
  obr: Hl7Segment;
  obxs: Obx[];
  spm?: Hl7Segment;
}

interface Culture {
  result: MicrobiologyResult;
  code: string;
  subId: string;
  filler: string;
  statuses: string[];
  notes: string[];
}

function groupsOf(message: Hl7Message): Group[] {
  const groups: Group[] = [];
  let group: Group | undefined;
  let last: Obx | undefined;
  for (const segment of message.segments) {
    if (segment.name === "OBR") {
      group = { obr: segment, obxs: [] };
      groups.push(group);
      last = undefined;
    } else if (segment.name === "OBX" && group) {
      const identity = coded(segment, 3);
      last = {
        segment,
        type: part(segment, 2, 1).toUpperCase(),
        ...identity,
        subId: part(segment, 4, 1),
        status: part(segment, 11, 1).toUpperCase(),
        notes: [],
      };
      group.obxs.push(last);
    } else if (segment.name === "NTE" && last) {
      const note = (segment.getField(3)?.components ?? []).map((rep) => unescape(rep.join(" "))).filter(Boolean).join(" ");
      if (note) last.notes.push(note);
    } else if (segment.name === "SPM" && group) {
      group.spm ??= segment;
      last = undefined;
    } else if (segment.name === "PID" || segment.name === "ORC" || segment.name === "MSH") {
      last = undefined;
    }
  }
  return groups;
}

/** OBX-5 as a reader sees it: SN "<=^0.25" → "<=0.25", "=^8^/^152" → "8/152"; CWE → its text. */
function valueOf(obx: Obx): string {
  const reps = (obx.segment.getField(5)?.components ?? []).filter((rep) => rep.some((piece) => piece.trim() !== ""));
  if (reps.length === 0) return "";
  const first = reps[0].map((piece) => unescape(piece));
  if (obx.type === "SN") {
    const [comparator = "", low = "", separator = "", high = ""] = first;
    return `${comparator === "=" ? "" : comparator}${low}${separator}${high}`;
  }
  if (CODED_TYPES.has(obx.type)) {
    const [code = "", text = "", , altCode = "", altText = "", , , , originalText = ""] = first;
    return text || originalText || altText || code || altCode;
  }
  return reps.map((rep) => unescape(rep.join(" "))).join(" ");
}

function susceptibilityOf(obx: Obx, panelName: string): Susceptibility {
  const value = valueOf(obx);
  const flag = obx.segment.getField(8)?.components?.[0] ?? [];
  const interpretation = readInterpretation(unescape(flag[0] ?? ""), unescape(flag[1] ?? "")) ?? readInterpretation(value);
  const isWord = readInterpretation(value) !== undefined && !/\d/.test(value);
  const mic = value && !isWord ? value : undefined;
  const method = readMethod(obx.name) ?? readMethod(panelName) ?? (part(obx.segment, 17, 2) || part(obx.segment, 17, 1) || undefined);
  const antibiotic = antibioticName(obx.name) || antibioticName(obx.altText);
  return { antibiotic, ...(mic ? { mic } : {}), ...(interpretation ? { interpretation } : {}), ...(method ? { method } : {}) };
}

/** "Bacteria identified in Stool by Culture" → "Stool", when the file names the specimen nowhere else. */
const specimenInName = (name: string) => /\bin ([A-Za-z][A-Za-z ]*?) by culture\b/i.exec(name)?.[1];

function specimenOf(group: Group, testName: string): string | undefined {
  if (group.spm) {
    const spm = coded(group.spm, 4);
    if (spm.name) return specimenName(spm.name);
  }
  const source = part(group.obr, 15, 1, 2) || part(group.obr, 15, 1, 1);
  return source || specimenInName(testName);
}

/** OBX-11 / OBR-25 (HL7 tables 0085, 0123): any corrected result corrects the culture; else any preliminary one. */
function statusOf(statuses: string[]): MicrobiologyResult["resultStatus"] {
  if (statuses.includes("C")) return "corrected";
  if (statuses.includes("P")) return "preliminary";
  return undefined;
}

const isOrganismObx = (obx: Obx) =>
  !NUMERIC_TYPES.has(obx.type) && !isSusceptibilityCode(obx.loinc, obx.name) && isOrganismCode(obx.loinc, obx.name) && !NO_RESULT.has(obx.status);

export interface Hl7Microbiology {
  results: MicrobiologyResult[];
  /** The OBX segments read as microbiology: the analyte reader leaves them alone. */
  consumed: Set<Hl7Segment>;
}

/** Reads every culture and susceptibility result of an ORU message; `results` is empty when there are none. */
export function readHl7Microbiology(message: Hl7Message): Hl7Microbiology {
  const cultures: Culture[] = [];
  const consumed = new Set<Hl7Segment>();

  const newCulture = (group: Group, test: { name: string; loinc?: string }, fields: Partial<MicrobiologyResult>, key: { code: string; subId: string }) => {
    const observed = parseDate(part(group.obr, 7, 1));
    const specimen = specimenOf(group, test.name);
    const culture: Culture = {
      result: {
        test: test.name || "Culture",
        ...(test.loinc ? { loinc: test.loinc } : {}),
        ...(specimen ? { specimen } : {}),
        ...(observed ? { observedAt: observed } : {}),
        ...fields,
        susceptibilities: [],
      },
      ...key,
      filler: part(group.obr, 3, 1),
      statuses: [],
      notes: [],
    };
    cultures.push(culture);
    return culture;
  };

  for (const group of groupsOf(message)) {
    const test = coded(group.obr, 4);
    const obrStatus = part(group.obr, 25, 1).toUpperCase();
    const parentCode = part(group.obr, 26, 1, 1);
    const parentSubId = part(group.obr, 26, 2);
    const parentOrganism = part(group.obr, 26, 3);
    const isSusceptibilityGroup = Boolean(parentCode || parentOrganism) || isSusceptibilityCode(test.loinc, test.name);
    const isCultureGroup = !isSusceptibilityGroup && (isOrganismCode(test.loinc, test.name) || group.obxs.some(isOrganismObx));
    if (!isSusceptibilityGroup && !isCultureGroup) continue;

    const here: Culture[] = [];
    const parentCulture = (obx?: Obx): Culture => {
      const bySubId = obx?.subId ? here.find((culture) => culture.subId === obx.subId) : undefined;
      if (bySubId) return bySubId;
      if (here.length > 0 && !isSusceptibilityGroup) return here[here.length - 1];
      const filler = part(group.obr, 29, 2, 1);
      const parent =
        (parentCode ? cultures.find((culture) => culture.code === parentCode && (!parentSubId || culture.subId === parentSubId)) : undefined) ??
        (parentOrganism ? cultures.find((culture) => culture.result.organism?.toLowerCase() === parentOrganism.toLowerCase()) : undefined) ??
        (filler ? cultures.filter((culture) => culture.filler === filler).at(-1) : undefined) ??
        (isSusceptibilityGroup ? cultures.at(-1) : undefined);
      if (parent) return parent;
      const orphan = newCulture(group, test, parentOrganism ? { organism: parentOrganism } : {}, { code: parentCode, subId: parentSubId });
      here.push(orphan);
      return orphan;
    };

    for (const obx of group.obxs) {
      if (NO_RESULT.has(obx.status)) continue;
      const value = valueOf(obx);
      const flag = part(obx.segment, 8, 1);
      if (isOrganismObx(obx) && !(isSusceptibilityGroup && readInterpretation(flag))) {
        if (!value) continue;
        const notes = obx.notes.join("\n");
        const quantity = obx.notes.map(quantityIn).find(Boolean);
        const observed = parseDate(part(obx.segment, 14, 1) || part(group.obr, 7, 1));
        const existing = isSusceptibilityGroup ? parentCulture(obx) : undefined;
        if (existing) {
          consumed.add(obx.segment);
          continue;
        }
        const culture = newCulture(
          group,
          test,
          {
            ...(isNoOrganismText(value) ? { finding: value } : { organism: value }),
            ...(quantity ? { quantity } : {}),
            ...(observed ? { observedAt: observed } : {}),
          },
          { code: obx.code, subId: obx.subId },
        );
        culture.statuses.push(obx.status);
        if (notes) culture.notes.push(notes);
        here.push(culture);
        consumed.add(obx.segment);
      } else if (isSusceptibilityGroup || isSusceptibilityCode(obx.loinc, obx.name) || (readInterpretation(flag) && here.length > 0)) {
        if (!value && !flag) continue;
        const culture = parentCulture(obx);
        culture.result.susceptibilities.push(susceptibilityOf(obx, test.name));
        culture.statuses.push(obx.status, obrStatus);
        culture.notes.push(...obx.notes);
        consumed.add(obx.segment);
      } else if (isColonyCount(obx.loinc, obx.name) && here.length > 0 && value) {
        const unit = part(obx.segment, 6, 1);
        here[here.length - 1].result.quantity = unit && !value.includes(unit) ? `${value} ${unit}` : value;
        consumed.add(obx.segment);
      } else if ((TEXT_TYPES.has(obx.type) || CODED_TYPES.has(obx.type)) && here.length > 0 && value) {
        // Other text results of a culture (a Gram stain, "positive") belong with it, not with the chemistry.
        here[here.length - 1].notes.push(`${obx.name}: ${value}`, ...obx.notes);
        consumed.add(obx.segment);
      }
    }
    for (const culture of here) {
      culture.statuses.push(obrStatus);
    }
  }

  const results = cultures.map(({ result, statuses, notes }) => {
    const resultStatus = statusOf(statuses);
    const note = notes.filter(Boolean).join("\n");
    return { ...result, ...(resultStatus ? { resultStatus } : {}), ...(note ? { notes: note } : {}) };
  });
  return { results, consumed };
}
