/**
 * Dates as lab sources write them, read into ISO 8601. A date alone stays a date ("2025-01-15"); a time
 * with a known offset becomes UTC ("2025-01-15T13:30:00.000Z"); a time without an offset stays local
 * ("2025-01-15T08:30:00"), because inventing a zone would move the result by hours.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: string;
  offsetMinutes?: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isRealTime(hour = 0, minute = 0, second = 0): boolean {
  return hour <= 23 && minute <= 59 && second <= 60;
}

function readOffset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (text === "Z") return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * A leap second (23:59:60, which ISO 8601 and HL7 allow) is read as the second before it: JavaScript's Date
 * cannot hold it (`Date.parse` gives NaN, and `toISOString` then throws), and one second does not matter to a
 * lab result. Everything this returns is readable by `Date`, which is how the pipeline stores it.
 */
function format(parts: Parts): string | undefined {
  const { year, month, day, hour, minute, fraction, offsetMinutes } = parts;
  if (!isRealDate(year, month, day) || !isRealTime(hour, minute, parts.second)) return undefined;
  const second = parts.second === 60 ? 59 : parts.second;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (hour === undefined) return date;
  const local = `${date}T${pad(hour)}:${pad(minute ?? 0)}:${pad(second ?? 0)}${fraction ? `.${fraction}` : ""}`;
  if (offsetMinutes === undefined) return local;
  return new Date(Date.parse(`${local}Z`) - offsetMinutes * 60_000).toISOString();
}

/** HL7 v2 TS/DTM: YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ] (HL7 v2.5 §2.A.22). */
function fromHl7(text: string): string | undefined {
  const match = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/.exec(text);
  if (!match) return undefined;
  if (!match[2] || !match[3]) return undefined;
  return fromParts(match);
}

/** Date-time parts as both patterns capture them: year, month, day, hour, minute, second, fraction, offset. */
function fromParts([, year, month, day, hour, minute, second, fraction, offset]: RegExpExecArray): string | undefined {
  const number = (part: string | undefined) => (part === undefined ? undefined : Number(part));
  return format({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: number(hour),
    minute: number(minute),
    second: number(second),
    fraction,
    offsetMinutes: readOffset(offset),
  });
}

function fromIso(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return undefined;
  return fromParts(match);
}

/** An optional clock time after a written date: "08:30", "8:30 AM", "08:30:15". */
function readClock(text: string): Pick<Parts, "hour" | "minute" | "second"> | null | undefined {
  const rest = text.trim();
  if (rest === "") return undefined;
  const match = /^(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(rest);
  if (!match) return null;
  let hour = Number(match[1]);
  const meridiem = match[4]?.toLowerCase().replace(/\./g, "");
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  return { hour, minute: Number(match[2]), second: match[3] ? Number(match[3]) : undefined };
}

function monthIndex(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index >= 0 ? index + 1 : undefined;
}

/** "March 10, 2026", "Mar 10 2026", "10 March 2026", "10-Mar-2026". */
function fromWords(text: string): string | undefined {
  const monthFirst = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(.*)$/.exec(text);
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})(.*)$/.exec(text);
  const parts = monthFirst
    ? { monthName: monthFirst[1], day: monthFirst[2], year: monthFirst[3], rest: monthFirst[4] }
    : dayFirst
      ? { monthName: dayFirst[2], day: dayFirst[1], year: dayFirst[3], rest: dayFirst[4] }
      : undefined;
  if (!parts) return undefined;
  const { monthName, day, year, rest } = parts;
  const month = monthIndex(monthName);
  const clock = readClock(rest);
  if (!month || clock === null) return undefined;
  return format({ year: Number(year), month, day: Number(day), ...clock });
}

/**
 * "01/15/2025" is read month-first, as US labs write it; when the first number cannot be a month
 * ("15/01/2025") it is read day-first. Two-digit years are not guessed at.
 */
function fromSlashes(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*)$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const second = Number(match[2]);
  const [month, day] = first > 12 ? [second, first] : [first, second];
  const clock = readClock(match[4]);
  if (clock === null) return undefined;
  return format({ year: Number(match[3]), month, day, ...clock });
}

/** Reads a date or date-time as a lab source wrote it into ISO 8601, or undefined when it is not one. */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  return fromIso(text) ?? fromHl7(text) ?? fromWords(text) ?? fromSlashes(text);
}
