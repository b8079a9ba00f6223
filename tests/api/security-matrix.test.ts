/**
 * The security matrix (issue 16): every route the file system has × every method it serves × every way a
 * caller can be the wrong one, with the status the credential rules give and the error in the surface's own
 * shape (DESIGN §5). The routes are enumerated from app/**\/route.ts (tests/support/app.ts loadRoutes) and
 * each handler's `route()` declaration (lib/http/route-meta.ts); how to build a request for each pattern is a
 * table in tests/support/security-matrix.ts. A new route without a row there fails here.
 *
 * The rules, read off lib/http/handler.ts and lib/auth/credentials.ts (checked in this order: credential,
 * scope, role, write headers, params/query/body, the member's own path, then the service):
 * - no credential → 401, on every surface;
 * - the wrong kind of credential → 401: an API key route reads only a key (a member JWT is not a valid key), a
 *   member route reads only a Bearer JWT, /v1 never reads the portal's cookie and the portal reads only it;
 * - a revoked API key → 401, and so is a member token the revoked key minted; a deactivated portal user's
 *   session → 401;
 * - an API key below the route's scope (read < write < admin) → 403; a clinician on an admin portal route → 403;
 * - a member token on another member's path → 403 (whichever tenant that member belongs to);
 * - another tenant's resource (the caller's own member on member routes) → 404, as if it did not exist; so is
 *   another member's resource named on the member's own path, and another tenant's id carried in a body;
 * - a state-changing portal call with a cross-site Origin → 403, before the session is even read;
 * - a method a route file does not serve → 405 with `Allow`, even for an admin;
 * - the caller's own request passes all of those (no 401/403/404), which shows each row's ids are real;
 * - nothing is ever a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDocumented, routeMetaOf, type RouteMeta } from "@/lib/http/route-meta";
import { METHODS, type Method } from "@/lib/http/route-paths";
import { call, loadRoutes, type CallOptions } from "../support/app";
import { bodyFor, buildTenant, EXEMPT, fillPattern, FOREIGN_BODIES, PATH_PARAMS, requestHeaders, type TenantWorld, type World } from "../support/security-matrix";
import { WebhookReceiver } from "../support/webhook-receiver";

const SCOPE_BELOW = { read: [], write: ["readKey"], admin: ["readKey", "writeKey"] } as const;

interface Served {
  pattern: string;
  method: Method;
  meta: RouteMeta;
}

/** A handler that only answers 405 for a method the route file does not serve (lib/http/fallbacks.ts). */
const isMethodFallback = (meta: RouteMeta) => !isDocumented(meta.openapi) && meta.openapi.undocumented.startsWith("Answers 405");

const routes = await loadRoutes();
const served: Served[] = routes.flatMap((entry) =>
  METHODS.flatMap((method) => {
    const meta = routeMetaOf(entry.module[method]);
    return meta && !isMethodFallback(meta) ? [{ pattern: entry.pattern, method, meta }] : [];
  }),
);
const inMatrix = served.filter(({ pattern }) => !(pattern in EXEMPT));
/** The methods a route file answers only with 405: nothing behind them, whoever calls. */
const notServed = routes.flatMap((entry) =>
  METHODS.flatMap((method) => {
    const meta = routeMetaOf(entry.module[method]);
    return meta && isMethodFallback(meta) ? [{ pattern: entry.pattern, method, meta }] : [];
  }),
);

type Caller = (mine: TenantWorld, theirs: TenantWorld) => Pick<CallOptions, "apiKey" | "token" | "cookie" | "headers">;

interface Case {
  name: string;
  route: Served;
  /** Whose resources the non-member path parameters name: the caller's (its `member`'s), another member's of its tenant, another tenant's. */
  resource: "mine" | "otherMember" | "theirs";
  caller: Caller;
  /** The member whose id is in the path, when it is not the caller's own. */
  pathMember?: (mine: TenantWorld, theirs: TenantWorld) => string;
  expected: number | "allowed";
}

/** Whether the route's pattern names a resource besides the member (so another tenant's id can be put in it). */
const namesResource = (pattern: string) => (pattern.match(/\[[^\]]+\]/g) ?? []).some((p) => p !== "[user_id]" || pattern.startsWith("/api/portal"));

function casesFor(route: Served): Case[] {
  const { pattern, method, meta } = route;
  const at = `${method} ${pattern}`;
  const row = (name: string, c: Omit<Case, "name" | "route" | "resource"> & { resource?: Case["resource"] }): Case => ({
    name: `${at} — ${name}`,
    route,
    resource: "mine",
    ...c,
  });
  const out: Case[] = [row("no credential → 401", { caller: () => ({}), expected: 401 })];
  // A public route outside EXEMPT gets only this row, which fails: exempt it with a reason, or give it a credential.
  if (meta.auth === "none") return out;

  if (meta.auth === "portalSession") {
    out.push(
      row("an API key instead of the session → 401", { caller: (m) => ({ apiKey: m.adminKey }), expected: 401 }),
      row("a member token instead of the session → 401", { caller: (m) => ({ token: m.member.token }), expected: 401 }),
      row("a deactivated user's session → 401", { caller: (m) => ({ cookie: m.deactivatedCookie }), expected: 401 }),
    );
    if (meta.role === "admin") out.push(row("a clinician on an admin route → 403", { caller: (m) => ({ cookie: m.clinicianCookie }), expected: 403 }));
    if (method !== "GET") {
      out.push(
        row("a cross-site Origin → 403", { caller: (m) => ({ cookie: m.adminCookie, headers: { origin: "https://evil.example" } }), expected: 403 }),
        row("Sec-Fetch-Site: cross-site → 403", { caller: (m) => ({ cookie: m.adminCookie, headers: { "sec-fetch-site": "cross-site" } }), expected: 403 }),
      );
    }
    if (namesResource(pattern)) out.push(row("another tenant's resource → 404", { caller: (m) => ({ cookie: m.adminCookie }), resource: "theirs", expected: 404 }));
    out.push(row("own request (control) → allowed", { caller: (m) => ({ cookie: m.adminCookie }), expected: "allowed" }));
    return out;
  }

  // /v1: the portal's cookie is never a credential here.
  out.push(row("a portal session cookie → 401", { caller: (m) => ({ cookie: m.adminCookie }), expected: 401 }));

  if (meta.auth === "apiKey") {
    out.push(
      row("a member token instead of an API key → 401", { caller: (m) => ({ token: m.member.token }), expected: 401 }),
      row("a revoked API key → 401", { caller: (m) => ({ apiKey: m.revokedKey }), expected: 401 }),
      row("a revoked API key as Bearer → 401", { caller: (m) => ({ headers: { authorization: `Bearer ${m.revokedKey}` } }), expected: 401 }),
    );
    for (const key of meta.scope ? SCOPE_BELOW[meta.scope] : []) {
      out.push(row(`a ${key === "readKey" ? "read" : "write"}-only key where '${meta.scope}' is needed → 403`, { caller: (m) => ({ apiKey: m[key] }), expected: 403 }));
    }
    if (namesResource(pattern)) out.push(row("another tenant's resource → 404", { caller: (m) => ({ apiKey: m.adminKey }), resource: "theirs", expected: 404 }));
    out.push(row("own request (control) → allowed", { caller: (m) => ({ apiKey: m.adminKey }), expected: "allowed" }));
    return out;
  }

  if (meta.auth === "member") {
    out.push(
      row("an API key instead of a member token → 401", { caller: (m) => ({ apiKey: m.adminKey }), expected: 401 }),
      row("an API key as Bearer instead of a member token → 401", { caller: (m) => ({ headers: { authorization: `Bearer ${m.adminKey}` } }), expected: 401 }),
      row("a member token minted by a revoked key → 401", { caller: (m) => ({ token: m.revokedToken }), expected: 401 }),
      row("a member token on another member's path → 403", { caller: (m) => ({ token: m.otherMember.token }), expected: 403 }),
      row("a member token on another tenant's member's path → 403", { caller: (m) => ({ token: m.member.token }), pathMember: (_, t) => t.member.userId, expected: 403 }),
    );
    if (namesResource(pattern)) {
      out.push(
        row("another member's resource on the caller's own path → 404", { caller: (m) => ({ token: m.member.token }), resource: "otherMember", expected: 404 }),
        row("another tenant's resource on the caller's own path → 404", { caller: (m) => ({ token: m.member.token }), resource: "theirs", expected: 404 }),
      );
    }
    out.push(row("own request (control) → allowed", { caller: (m) => ({ token: m.member.token }), expected: "allowed" }));
    return out;
  }

  // memberOrApiKey: either credential, never the cookie (above).
  out.push(
    row("a revoked API key → 401", { caller: (m) => ({ apiKey: m.revokedKey }), expected: 401 }),
    row("a member token minted by a revoked key → 401", { caller: (m) => ({ token: m.revokedToken }), expected: 401 }),
  );
  for (const key of meta.scope ? SCOPE_BELOW[meta.scope] : []) {
    out.push(row(`a ${key === "readKey" ? "read" : "write"}-only key where '${meta.scope}' is needed → 403`, { caller: (m) => ({ apiKey: m[key] }), expected: 403 }));
  }
  if (namesResource(pattern)) {
    out.push(
      row("another tenant's resource (API key) → 404", { caller: (m) => ({ apiKey: m.adminKey }), resource: "theirs", expected: 404 }),
      row("another tenant's resource (member token) → 404", { caller: (m) => ({ token: m.member.token }), resource: "theirs", expected: 404 }),
      row("another member's resource → 404", { caller: (m) => ({ token: m.otherMember.token }), expected: 404 }),
    );
  }
  out.push(
    row("own request, API key (control) → allowed", { caller: (m) => ({ apiKey: m.adminKey }), expected: "allowed" }),
    row("own request, member token (control) → allowed", { caller: (m) => ({ token: m.member.token }), expected: "allowed" }),
  );
  return out;
}

const mapped = inMatrix.filter(({ pattern }) => pattern in PATH_PARAMS);
const all = mapped.flatMap(casesFor);
// The controls change state (a DELETE, a deactivation, a key revoked): they run after every refusal, DELETE last.
const refusals = all.filter((c) => c.expected !== "allowed");
const controls = all.filter((c) => c.expected === "allowed").sort((a, b) => Number(a.route.method === "DELETE") - Number(b.route.method === "DELETE"));

const receiver = new WebhookReceiver();
let world: World;
let startedAt: number;
let setupMs: number;

beforeAll(async () => {
  startedAt = Date.now();
  await receiver.start();
  const hookUrl = `${receiver.url}${receiver.route()}`;
  const [mine, theirs] = await Promise.all([buildTenant(hookUrl), buildTenant(hookUrl)]);
  world = { mine, theirs, hookUrl };
  setupMs = Date.now() - startedAt;
}, 120_000);

afterAll(async () => {
  await receiver.stop();
  const rows = `${refusals.length} refusals, ${FOREIGN_BODIES.length} body-id rows, ${notServed.length} unserved methods, ${controls.length} controls`;
  console.log(`security matrix: ${rows} over ${mapped.length} handlers in ${Date.now() - startedAt} ms (set-up of the two tenants ${setupMs} ms)`);
});

async function send(c: Case) {
  const { pattern, method, meta } = c.route;
  const { mine, theirs } = world;
  const resource = c.resource === "theirs" ? theirs : c.resource === "otherMember" ? { ...mine, ...mine.ofOtherMember } : mine;
  const params = PATH_PARAMS[pattern](mine, resource, method);
  if (c.pathMember) params.user_id = c.pathMember(mine, theirs);
  const credential = c.caller(mine, theirs);
  return call(method, fillPattern(pattern, params), {
    ...credential,
    headers: { ...requestHeaders(method), ...credential.headers },
    body: bodyFor(method, pattern, meta, world),
  });
}

/** The error in the surface's own shape (DESIGN §5): `{"detail": "…"}` on the member API, the envelope elsewhere. */
function expectErrorShape(surface: RouteMeta["surface"], json: unknown, text: string) {
  if (surface === "member") expect(json, text).toEqual({ detail: expect.any(String) });
  else expect(json, text).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }) });
}

describe("the matrix covers every route the file system has", () => {
  it("has a path-parameter row for every route pattern that is not exempt", () => {
    const missing = [...new Set(inMatrix.map((r) => r.pattern).filter((p) => !(p in PATH_PARAMS)))];
    expect(missing, `add these patterns to PATH_PARAMS in tests/support/security-matrix.ts (or to EXEMPT, with a reason)`).toEqual([]);
  });

  it("exempts only routes that take no credential, and lists no pattern that no longer exists", () => {
    const patterns = new Set(routes.map((r) => r.pattern));
    for (const { pattern, meta } of served) if (pattern in EXEMPT) expect(meta.auth, `${pattern} is exempt but needs a credential`).toBe("none");
    const stale = Object.keys(PATH_PARAMS).filter((p) => !patterns.has(p));
    expect(stale, "PATH_PARAMS rows for routes that no longer exist").toEqual([]);
    const notLoaded = Object.keys(EXEMPT).filter((p) => !patterns.has(p));
    expect(notLoaded.sort()).toEqual(["/api/auth/[...nextauth]", "/api/inngest"]);
  });

  it("finds no public route outside the exemptions", () => {
    const open = inMatrix.filter(({ meta }) => meta.auth === "none").map(({ method, pattern }) => `${method} ${pattern}`);
    expect(open, "routes that take no credential: add them to EXEMPT with a reason, or declare their auth").toEqual([]);
  });

  it("gives every served handler outside the exemptions at least a no-credential, a wrong-kind and a control row", () => {
    const byHandler = new Map<string, string[]>();
    for (const c of all) byHandler.set(`${c.route.method} ${c.route.pattern}`, [...(byHandler.get(`${c.route.method} ${c.route.pattern}`) ?? []), c.name]);
    const missing = inMatrix.map((r) => `${r.method} ${r.pattern}`).filter((h) => (byHandler.get(h)?.length ?? 0) < 3);
    expect(missing, "handlers the matrix does not cover").toEqual([]);
    expect(byHandler.size).toBe(inMatrix.length);
  });
});

describe("refusals", () => {
  it.each(refusals.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const res = await send(c);
    expect(res.status, res.text).toBe(c.expected);
    expectErrorShape(c.route.meta.surface, res.json, res.text);
  });
});

describe("ids in a body: another tenant's or another member's resource is unknown", () => {
  it.each(FOREIGN_BODIES.map((row) => [`${row.method} ${row.pattern} — ${row.name} → ${row.expected}`, row] as const))("%s", async (_, row) => {
    const { mine } = world;
    const meta = served.find((r) => r.pattern === row.pattern && r.method === row.method)?.meta;
    expect(meta, `${row.method} ${row.pattern} is no longer served: update FOREIGN_BODIES`).toBeDefined();
    const credential = { adminKey: { apiKey: mine.adminKey }, memberToken: { token: mine.member.token }, adminCookie: { cookie: mine.adminCookie } }[row.caller];
    const res = await call(row.method, fillPattern(row.pattern, { user_id: mine.member.userId }), {
      ...credential,
      headers: requestHeaders(row.method),
      body: row.body(world),
    });
    expect(res.status, res.text).toBe(row.expected);
    expectErrorShape(meta!.surface, res.json, res.text);
  });
});

describe("methods a route does not serve", () => {
  it("leaves every route file at least one method it serves", () => {
    const empty = routes.filter((entry) => !served.some((r) => r.pattern === entry.pattern)).map((entry) => entry.pattern);
    expect(empty).toEqual([]);
  });

  it.each(notServed.map((r) => [`${r.method} ${r.pattern} — not served, even with an admin's credentials → 405`, r] as const))("%s", async (_, r) => {
    const { mine } = world;
    const params = PATH_PARAMS[r.pattern]?.(mine, mine, r.method) ?? {};
    const res = await call(r.method, fillPattern(r.pattern, params), {
      ...(r.pattern.startsWith("/api/portal") ? { cookie: mine.adminCookie } : { apiKey: mine.adminKey }),
      headers: requestHeaders(r.method),
    });
    expect(res.status, res.text).toBe(405);
    expect(res.headers.get("allow")).toBeTruthy();
    expectErrorShape(r.meta.surface, res.json, res.text);
  });
});

describe("controls: the caller's own request passes every check", () => {
  it.each(controls.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const res = await send(c);
    expect([401, 403, 404, 405], res.text).not.toContain(res.status);
    expect(res.status, res.text).toBeLessThan(500);
  });
});
