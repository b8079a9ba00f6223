/**
 * Every route that reads a JSON body, found from the route files (as tests/api/route-coverage.test.ts finds
 * them, so a new route is covered the day it is added), called with a valid credential of its kind and
 * generated bodies: any JSON, its own example with one value replaced by something hostile, its example with
 * every string replaced by hostile text, and a fixed corpus of broken, deep, huge and prototype-polluting
 * bodies. Whatever the body, the answer comes within a budget, is never a 5xx, and when it refuses it says so
 * in the surface's own error shape (DESIGN §5): member `{"detail": …}`, the others `{"error": {code, message}}`.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { METHODS } from "@/lib/http/route-paths";
import { isDocumented, routeMetaOf, type RouteMeta } from "@/lib/http/route-meta";
import { call, type CallOptions, loadRoutes } from "../support/app";
import { createKey, createMember, createPortalUser, createTenant } from "../support/fixtures";
import { nastyText, replaceStrings, runs, spoil, withinBudgetAsync } from "./arbitraries";

interface BodyRoute {
  method: string;
  pattern: string;
  meta: RouteMeta & { body: NonNullable<RouteMeta["body"]> };
}

const ROUTES: BodyRoute[] = (await loadRoutes()).flatMap((entry) =>
  METHODS.flatMap((method) => {
    const meta = routeMetaOf(entry.module[method]);
    return meta?.body ? [{ method, pattern: entry.pattern, meta: meta as BodyRoute["meta"] }] : [];
  }),
);

const SOME_ID = "3f1c1a52-9a53-4d0e-9a44-3c0a6f1c2b7e";
/** Valid bodies for the portal's own endpoints, which carry no OpenAPI example. */
const PORTAL_EXAMPLES: Record<string, unknown> = {
  "POST /api/portal/patients": { name: "Ada Example", externalId: "mrn-1" },
  "POST /api/portal/uploads": { patientId: SOME_ID, fileName: "lab.csv", contentType: "text/csv", size: 120 },
  "POST /api/portal/labs": { uploadId: SOME_ID },
  "POST /api/portal/coach/profiles": { fromProfileId: SOME_ID },
  "PATCH /api/portal/coach/profiles/[profile_id]": { name: "Plain coach" },
  "POST /api/portal/coach/try": { profileId: SOME_ID, memberId: SOME_ID, message: "What does my LDL mean?" },
  "POST /api/portal/settings/users": { email: "new.user@example.test", name: "New User", role: "clinician" },
  "PATCH /api/portal/settings/users/[user_id]": { role: "clinician" },
  "POST /api/portal/settings/api-keys": { name: "CI key", scopes: ["read"] },
  "PATCH /api/portal/settings/organization": { name: "Renamed clinic" },
  "POST /api/portal/settings/webhooks": { url: "https://example.test/hooks", description: "ops" },
  "PATCH /api/portal/settings/webhooks/[endpoint_id]": { enabled: false },
  "POST /api/portal/settings/webhooks/[endpoint_id]/rotate-secret": { graceHours: 1 },
  "POST /api/portal/settings/webhook-secret/rotate": { graceHours: 24 },
};

const key = (route: BodyRoute) => `${route.method} ${route.pattern}`;
const LOOPBACK_HOOK = "http://127.0.0.1:9/hook";

/**
 * The route's example, made valid in this test's deployment so that a spoiled copy gets past validation into
 * the service: webhook URLs on loopback (allowlisted in tests; the examples' hosts do not resolve here), the
 * caller's own member where the body names one, no `metadata.partnerId` (it must be the calling key's id).
 */
function exampleOf(route: BodyRoute): unknown {
  const documented = isDocumented(route.meta.openapi) ? route.meta.openapi.requestExample : undefined;
  const example = (documented ?? PORTAL_EXAMPLES[key(route)]) as Record<string, unknown> | undefined;
  if (!example || typeof example !== "object") return example;
  const usable: Record<string, unknown> = { ...example };
  if ("webhookUrl" in usable) usable.webhookUrl = LOOPBACK_HOOK;
  if ("url" in usable) usable.url = LOOPBACK_HOOK;
  if (key(route) === "POST /v1/uploads") usable.user_id = credentials.member.userId;
  if (key(route) === "POST /api/portal/uploads") usable.patientId = credentials.member.userId;
  if (usable.metadata && typeof usable.metadata === "object") {
    const metadata = { ...(usable.metadata as Record<string, unknown>) };
    delete metadata.partnerId;
    usable.metadata = metadata;
  }
  return usable;
}

let credentials: { apiKey: string; member: { userId: string; token: string }; portalCookie: string };

beforeAll(async () => {
  const { organizationId, apiKey: firstKey } = await createTenant();
  const apiKey = await createKey(organizationId, ["read", "write", "admin"]);
  const member = await createMember(firstKey);
  const { cookie } = await createPortalUser(organizationId, "admin");
  credentials = { apiKey, member, portalCookie: cookie };
});

/** The credential the route asks for: API key with every scope, the member's token, or an admin's session. */
function credentialFor(route: BodyRoute): CallOptions {
  const { auth } = route.meta;
  if (auth === "portalSession") return { cookie: credentials.portalCookie };
  if (auth === "member" || (auth === "memberOrApiKey" && route.pattern.includes("[user_id]"))) return { token: credentials.member.token };
  if (auth === "none") return {};
  return { apiKey: credentials.apiKey };
}

/** The URL with the caller's own member id for `user_id` on member paths, and unknown ids elsewhere (a 404 is an answer). */
function urlFor(route: BodyRoute): string {
  return route.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => (name === "user_id" && route.pattern.startsWith("/v1/users/") ? credentials.member.userId : randomUUID()));
}

const CALL_BUDGET_MS = 15_000;

async function send(route: BodyRoute, body: { json: unknown } | { raw: string }) {
  const options: CallOptions = {
    ...credentialFor(route),
    headers: { "x-correlation-id": `props-${randomUUID()}`, "idempotency-key": randomUUID() },
    ...("raw" in body ? { rawBody: body.raw } : { body: body.json }),
  };
  return withinBudgetAsync(() => call(route.method, urlFor(route), options), CALL_BUDGET_MS, key(route));
}

/** Never a 5xx; a refusal is in the surface's own shape. */
function expectClearAnswer(route: BodyRoute, res: Awaited<ReturnType<typeof call>>, sent: string) {
  const where = `${key(route)} answered ${res.status} to ${sent.slice(0, 200)}: ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return;
  if (route.meta.surface === "member" || route.meta.surface === "platform") {
    expect(res.json?.detail, where).toBeDefined();
    expect(typeof res.json.detail === "string" || Array.isArray(res.json.detail), where).toBe(true);
  } else {
    expect(typeof res.json?.error?.code, where).toBe("string");
    expect(typeof res.json?.error?.message, where).toBe("string");
  }
}

/** What one field may be replaced by: any JSON, hostile text, extremes of number, deep or huge values. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyText(12),
  fc.constantFrom(
    null,
    "",
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.1,
    true,
    [],
    {},
    "x".repeat(70_000),
    "\u0000",
    "\ud800",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "'; DROP TABLE lab_result; --",
    "https://169.254.169.254/latest/meta-data",
    "http://localhost:9/hook",
    "00000000-0000-0000-0000-000000000000",
    "2025-02-30",
    "9999-12-31T23:59:60Z",
  ),
  fc.integer({ min: 2, max: 60 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storableText = nastyText(12).map((text) => text.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\ufffd"));

function bodies(example: unknown): fc.Arbitrary<unknown> {
  const fromExample =
    example === undefined
      ? []
      : [
          fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), hostileValue).map(([path, value]) => spoil(example, path, value)),
          // Valid Unicode (no NUL, no lone surrogate) gets past the wrapper's text check into the service.
          fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), storableText).map(([path, value]) => spoil(example, path, value)),
          fc.array(storableText, { minLength: 1, maxLength: 8 }).map((texts) => replaceStrings(example, texts)),
          fc.dictionary(nastyText(3), hostileValue, { maxKeys: 3 }).map((extra) => (example && typeof example === "object" ? { ...example, ...extra } : extra)),
        ];
  return fc.oneof(fc.jsonValue({ maxDepth: 6 }), ...fromExample);
}

/** Bodies no generator is likely to make: broken JSON, deep nesting, over the limit, prototype keys. */
function corpus(route: BodyRoute): [string, string][] {
  const example = JSON.stringify(exampleOf(route) ?? {});
  return [
    ["no body", ""],
    ["whitespace", " \r\n\t "],
    ["null", "null"],
    ["a string", '"text"'],
    ["an array", "[]"],
    ["an empty object", "{}"],
    ["truncated JSON", example.slice(0, Math.max(1, example.length - 3))],
    ["a trailing comma", '{"a":1,}'],
    ["a BOM before the JSON", `\ufeff${example}`],
    ["JSON 10,000 arrays deep", "[".repeat(10_000) + "]".repeat(10_000)],
    ["a field 10,000 objects deep", `{"a":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`],
    ["an escaped NUL and a lone surrogate", example.replace(/"([^"]*)"/, '"\\u0000\\ud800"')],
    ["prototype keys", '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
    ["one byte over the limit", JSON.stringify("x".repeat(route.meta.maxBodyBytes))],
  ];
}

describe.each(ROUTES.map((route) => [key(route), route] as const))("%s", (_, route) => {
  it("answers any generated body clearly, within the budget, never with a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(bodies(exampleOf(route)), async (body) => {
        expectClearAnswer(route, await send(route, { json: body }), JSON.stringify(body) ?? "undefined");
      }),
      { numRuns: runs(25) },
    );
  }, 120_000);

  it("answers the corpus of broken, deep, huge and prototype-polluting bodies clearly", async () => {
    for (const [name, raw] of corpus(route)) {
      const res = await send(route, { raw });
      expectClearAnswer(route, res, name);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});

it("finds the routes that read a body (so the matrix above is not empty)", () => {
  expect(ROUTES.map(key)).toEqual(expect.arrayContaining(["POST /v1/agents/lab-results", "POST /v1/submissions", "POST /v1/uploads", "POST /api/portal/patients"]));
  for (const route of ROUTES) expect(exampleOf(route), `${key(route)} has no example body to spoil`).toBeDefined();
});
