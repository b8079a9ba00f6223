/**
 * Number tokens as labs write them. A comma is a thousands separator when it groups exactly three digits
 * ("1,234", "150,000"); it is a decimal comma only when it cannot be one ("12,5", "0,75", "1,2345").
 * With both marks present, the last one is the decimal mark ("1.234,5").
 */
export const NUMBER_PATTERN = String.raw`[-−]?(?:\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)`;

const WHOLE_NUMBER = new RegExp(`^${NUMBER_PATTERN}$`);

/** Reads one number token, or returns undefined when the token is not a number on its own. */
export function readNumber(token: string): number | undefined {
  const raw = token.trim().replace("−", "-");
  if (!WHOLE_NUMBER.test(raw)) return undefined;
  const lastDot = raw.lastIndexOf(".");
  const lastComma = raw.lastIndexOf(",");
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    normalised = lastComma > lastDot ? raw.replace(/\./g, "").replace(",", ".") : raw.replace(/,/g, "");
  } else if (lastComma >= 0) {
    normalised = isThousandsGrouping(raw, ",") ? raw.replace(/,/g, "") : raw.replace(",", ".");
  } else if (lastDot >= 0 && (raw.match(/\./g) ?? []).length > 1) {
    normalised = raw.replace(/\./g, "");
  } else {
    normalised = raw;
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** "1,234" and "12,345,678" group thousands; "0,750" and "12,5" do not. */
function isThousandsGrouping(raw: string, mark: string): boolean {
  const [head, ...groups] = raw.replace(/^-/, "").split(mark);
  return groups.length > 0 && /^[1-9]\d{0,2}$/.test(head) && groups.every((group) => /^\d{3}$/.test(group));
}
