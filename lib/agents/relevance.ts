/**
 * Which labs an agent run analyses when a partner sends more than it can take (DESIGN §5.4, seed 003: "up to
 * 200 labs are analysed; beyond that the 200 most relevant"). More is not an error: the partner sent a whole
 * history and wants the part that matters. Relevance is, in order: a critical flag, any other abnormal flag,
 * then the newest date (undated last); ties keep the order they were sent in. Pure.
 */
import { normalizeReportedFlag } from "../clinical/flags";
import { parseDate } from "../ingest/dates";

export const MAX_LABS_ANALYZED = 200;

/** The fields relevance reads; the items themselves are returned untouched. */
export interface RankableLab {
  flag?: string;
  date?: string;
}

/** Lower ranks first. */
const Tier = { Critical: 0, Abnormal: 1, Normal: 2 } as const;
type Tier = (typeof Tier)[keyof typeof Tier];

/** Words a lab prints for "nothing to see": these rank with unflagged results. */
const NORMAL_WORDING = /^(?:n|normal|wnl|within (?:normal )?(?:limits|range)|neg(?:ative)?|not detected|-)$/;

/**
 * The flag's tier. HL7 v2 Table 0078 makes HH, LL and AA panic values, so they count as critical, as the
 * engine reads them (`normalizeReportedFlag`); wording the table does not know ("Critical - called to
 * ward", "Panic", "Elevated", "Positive") is read as critical when it says so and as abnormal otherwise,
 * because a lab flags a result to draw attention to it.
 */
function tier(flag: string | undefined): Tier {
  const text = flag?.trim().toLowerCase() ?? "";
  if (!text) return Tier.Normal;
  const known = normalizeReportedFlag(text);
  if (known === "Critical") return Tier.Critical;
  if (known === "Normal") return Tier.Normal;
  if (known) return Tier.Abnormal;
  if (/crit|panic|alert/.test(text)) return Tier.Critical;
  return NORMAL_WORDING.test(text) ? Tier.Normal : Tier.Abnormal;
}

/** Milliseconds since the epoch, for ordering only; undefined when the date cannot be read. */
function timestamp(date: string | undefined): number | undefined {
  const iso = date ? parseDate(date) : undefined;
  if (!iso) return undefined;
  // A date alone, or a time without an offset, is ordered as if UTC: only the order matters here.
  const zoned = iso.length === 10 ? `${iso}T00:00:00Z` : /(?:Z|[+-]\d\d:\d\d)$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The `limit` most relevant labs, in the order they were sent (so the analysis reads them as the partner
 * listed them), and how many were received.
 */
export function selectMostRelevant<T extends RankableLab>(labs: readonly T[], limit = MAX_LABS_ANALYZED): { kept: T[]; received: number } {
  if (labs.length <= limit) return { kept: [...labs], received: labs.length };
  const ranked = labs
    .map((lab, index) => ({ index, tier: tier(lab.flag), time: timestamp(lab.date) }))
    .sort((a, b) => a.tier - b.tier || newestFirst(a.time, b.time) || a.index - b.index);
  const keep = new Set(ranked.slice(0, limit).map((r) => r.index));
  return { kept: labs.filter((_, index) => keep.has(index)), received: labs.length };
}

function newestFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}
