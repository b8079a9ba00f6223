/**
 * Route patterns as Next spells them (`/v1/users/[user_id]/labs`): matching, precedence, and the OpenAPI
 * spelling. Pure, so route modules, the document builder and the test router can all use it.
 */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export type RouteModule = Partial<Record<Method, unknown>>;

/** One route file: `file` relative to the repository, `pattern` as Next spells it (`/v1/users/[user_id]/labs`). */
export interface RouteEntry {
  file: string;
  pattern: string;
  module: RouteModule;
}

/** `app/v1/users/[user_id]/labs/route.ts` → `/v1/users/[user_id]/labs`; route groups `(x)` add no segment. */
export function patternOf(file: string): string {
  const segments = file.split("/").slice(1, -1).filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** `/storage/[...key]` → `/storage/{key}`: the path as OpenAPI spells it. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
}

type SegmentKind = 0 | 1 | 2;
const kindOf = (segment: string): SegmentKind => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

/** Next's precedence, segment by segment: a static segment beats a dynamic one, which beats a catch-all. */
export function bySpecificity(a: string, b: string): number {
  const x = a.split("/").filter(Boolean);
  const y = b.split("/").filter(Boolean);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = kindOf(x[i]) - kindOf(y[i]);
    if (order) return order;
  }
  return y.length - x.length;
}

/** The path parameters `pattern` takes from `pathname`, or null when it does not match. */
export function matchPattern(pattern: string, pathname: string): Record<string, string | string[]> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment.startsWith("[...")) {
      if (i >= got.length) return null;
      params[segment.slice(4, -1)] = got.slice(i);
      return params;
    }
    if (got[i] === undefined) return null;
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = got[i];
    else if (segment !== got[i]) return null;
  }
  return got.length === want.length ? params : null;
}
