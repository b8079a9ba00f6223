/**
 * Text PostgreSQL can store. A lab file's JSON may escape a NUL ("\u0000") or an unpaired UTF-16 surrogate
 * ("\ud800") into any string; PostgreSQL refuses NUL in `text` and `jsonb`, and a lone surrogate is no
 * character at all. Request bodies with them are refused by the HTTP wrapper; a file is read, so its text is
 * cleaned instead: NUL removed, a lone surrogate replaced by U+FFFD, as a UTF-8 decoder does.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `value` with every string (object keys included) cleaned, and how many strings had to be. */
export function storableText<T>(value: T): { value: T; cleaned: number } {
  let cleaned = 0;
  const clean = (text: string) => {
    if (!UNSTORABLE.test(text)) return text;
    cleaned += 1;
    return text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\ufffd");
  };
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return clean(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item && typeof item === "object") return Object.fromEntries(Object.entries(item).map(([key, child]) => [clean(key), walk(child)]));
    return item;
  };
  return { value: walk(value) as T, cleaned };
}
