/**
 * A route is declared once (STYLE, "A route handler"): its `route()` call. These tests fail when anything
 * built from the route files falls behind them — the generated registry that /openapi.json and /docs read,
 * the document, the test router — or when a route leaves out what its declaration must say.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { call, loadRoutes, resolveRoute } from "../support/app";
import { listRouteFiles, OUTSIDE_THE_API, REGISTRY_FILE, renderRegistry } from "@/lib/http/route-files";
import { METHODS, openApiPath, type RouteEntry } from "@/lib/http/route-paths";
import { isDocumented, routeMetaOf, type RouteMeta } from "@/lib/http/route-meta";
import { buildOpenApiDocument } from "@/lib/openapi/document";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Json = Record<string, unknown>;
interface Operation {
  security: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json> };
}

/** The document the route files give, as plain JSON. */
const documentOf = (routes: RouteEntry[]): Document => JSON.parse(JSON.stringify(buildOpenApiDocument(routes)));

async function handlers() {
  const out: { entry: RouteEntry; method: string; meta: RouteMeta | undefined }[] = [];
  for (const entry of await loadRoutes()) {
    for (const method of METHODS) {
      if (entry.module[method]) out.push({ entry, method, meta: routeMetaOf(entry.module[method]) });
    }
  }
  return out;
}

describe("the route files are the one list of routes", () => {
  it("has an up-to-date generated registry (npm run routes:generate)", () => {
    const stale = readFileSync(path.join(ROOT, REGISTRY_FILE), "utf8") !== renderRegistry(listRouteFiles(ROOT));
    expect(stale, `${REGISTRY_FILE} is stale: run \`npm run routes:generate\` and commit it`).toBe(false);
  });

  it("makes every API route file with route(), and says why the others are left out", async () => {
    const files = listRouteFiles(ROOT);
    for (const pattern of Object.keys(OUTSIDE_THE_API)) expect(files.map((f) => f.pattern)).toContain(pattern);
    const routes = await loadRoutes();
    expect(routes.length).toBe(files.length - Object.keys(OUTSIDE_THE_API).length);
    for (const entry of routes) {
      const methods = METHODS.filter((m) => entry.module[m]);
      expect(methods.length, `${entry.file} exports no method handler`).toBeGreaterThan(0);
      for (const method of methods) expect(routeMetaOf(entry.module[method]), `${method} ${entry.file} is not made with route()`).toBeDefined();
    }
  });

  it("documents every handler of every route file, and nothing else", async () => {
    const expected = (await handlers())
      .filter(({ meta }) => meta && isDocumented(meta.openapi))
      .map(({ entry, method }) => `${method} ${openApiPath(entry.pattern)}`);
    const served = (await call("GET", "/openapi.json")).json as { paths: Record<string, Json> };
    const documented = Object.entries(served.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(expected.sort());
    // The served document (through the generated registry) is the one the route files give.
    expect(served).toEqual(documentOf(await loadRoutes()));
  });

  it("routes a request for every route file to that file, static segments before dynamic ones before catch-alls", async () => {
    for (const entry of await loadRoutes()) {
      const url = entry.pattern.replace(/\[\.\.\.[^\]]+\]/g, "a/b").replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
      expect((await resolveRoute(url))?.route.file, url).toBe(entry.file);
    }
    expect((await resolveRoute("/v1/users/00000000-0000-4000-8000-000000000000/labs/upload"))?.route.pattern).toBe("/v1/users/[user_id]/labs/upload");
    expect((await resolveRoute("/v1/no/such/route"))?.route.pattern).toBe("/v1/[...path]");
  });
});

describe("every declaration says what the document and the audit need", () => {
  it("gives every operation a unique operationId, a summary and a tag", async () => {
    const ids = (await handlers()).flatMap(({ meta }) => (meta && isDocumented(meta.openapi) ? [meta.openapi.operationId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives every request body an example its own schema accepts", async () => {
    for (const { entry, method, meta } of await handlers()) {
      if (!meta?.body || !isDocumented(meta.openapi)) continue;
      const where = `${method} ${entry.pattern}`;
      expect(meta.openapi.requestExample, `${where} has no request example`).toBeDefined();
      const parsed = meta.body.safeParse(meta.openapi.requestExample);
      expect(parsed.success, `${where}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("documents the surface's error answers, 500 included, and public routes as public", async () => {
    const document = documentOf(await loadRoutes());
    for (const { entry, method, meta } of await handlers()) {
      if (!meta || !isDocumented(meta.openapi)) continue;
      const operation = document.paths[openApiPath(entry.pattern)][method.toLowerCase()];
      const statuses = Object.keys(operation.responses);
      const envelope = meta.surface === "partner" || meta.surface === "agent";
      expect(statuses).toEqual(expect.arrayContaining(["500", envelope ? "400" : "422"]));
      if (meta.auth === "none") expect(operation.security).toEqual([]);
      else expect(statuses).toEqual(expect.arrayContaining(["401", "403"]));
    }
  });
});

/** Fields whose presence in an answer makes the route a PHI read: lab values and the Markdown written about them. */
const PHI_FIELDS = new Set(["analytes", "labResults", "patient_response", "clinician_response", "patientResponse", "clinicianResponse"]);

function carriesPhi(document: Pick<Document, "components">, schema: unknown, seen = new Set<unknown>()): boolean {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return false;
  seen.add(schema);
  const node = schema as Json;
  if (typeof node.$ref === "string") return carriesPhi(document, document.components?.schemas?.[node.$ref.split("/").pop()!], seen);
  if (typeof node.description === "string" && /markdown/i.test(node.description)) return true;
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  if (Object.keys(properties).some((name) => PHI_FIELDS.has(name))) return true;
  const children = [...Object.values(properties), node.items, node.additionalProperties, ...((node.anyOf ?? node.oneOf ?? node.allOf ?? []) as unknown[])];
  return children.some((child) => carriesPhi(document, child, seen));
}

describe("PHI routes are audited by declaration", () => {
  it("declares `audit` on every route under /v1/users, every portal read, on file downloads, on agent runs, and wherever an answer carries lab values or Markdown", async () => {
    const routes = await loadRoutes();
    const document = documentOf(routes);
    const phi: string[] = [];
    for (const { entry, method, meta } of await handlers()) {
      const byPath =
        entry.pattern.startsWith("/v1/users/") ||
        (entry.pattern.startsWith("/api/portal/") && method === "GET") ||
        entry.pattern === "/v1/uploads/[upload_id]/file" ||
        entry.pattern === "/v1/agents/lab-results/[runId]";
      const operation = meta && isDocumented(meta.openapi) ? document.paths[openApiPath(entry.pattern)][method.toLowerCase()] : undefined;
      const bySchema = Object.entries(operation?.responses ?? {}).some(
        ([status, response]) => status.startsWith("2") && Object.values(response.content ?? {}).some((media) => carriesPhi(document, media.schema)),
      );
      if (!byPath && !bySchema) continue;
      // A method the route does not serve (methodsNotAllowed): keyless, and it only ever answers 405.
      if (meta?.auth === "none" && !isDocumented(meta.openapi)) {
        const handler = entry.module[method as keyof typeof entry.module] as (request: Request) => Promise<Response>;
        expect((await handler(new Request("http://localhost:3000/probe", { method }))).status, `${method} ${entry.pattern} is keyless on a PHI path`).toBe(405);
        continue;
      }
      phi.push(`${method} ${entry.pattern}`);
      expect(meta?.audit, `${method} ${entry.pattern} serves PHI but declares no audit`).toBeDefined();
    }
    expect(phi).toEqual(
      expect.arrayContaining([
        "GET /v1/users/[user_id]/labs/[lab_result_id]",
        "GET /v1/uploads/[upload_id]/file",
        "GET /v1/agents/lab-results/[runId]",
      ]),
    );
  });

  it("declares `audit` on every change an admin can make: admin-scoped partner routes and admin portal routes", async () => {
    const admin: string[] = [];
    const unaudited: string[] = [];
    for (const { entry, method, meta } of await handlers()) {
      if (method === "GET" || !meta || meta.auth === "none") continue;
      if (meta.scope !== "admin" && meta.role !== "admin") continue;
      admin.push(`${method} ${entry.pattern}`);
      if (!meta.audit) unaudited.push(`${method} ${entry.pattern}`);
    }
    expect(unaudited, "changes an admin can make without an audit declaration").toEqual([]);
    expect(admin).toEqual(expect.arrayContaining(["POST /v1/webhook-endpoints", "DELETE /v1/webhook-endpoints/[id]", "POST /api/portal/coach/rollback"]));
  });

  it("finds lab values and Markdown in an answer's schema", () => {
    const document = { components: { schemas: { Lab: { type: "object", properties: { analytes: { type: "array" } } } } } };
    expect(carriesPhi(document, { type: "object", properties: { data: { $ref: "#/components/schemas/Lab" } } })).toBe(true);
    expect(carriesPhi(document, { type: "object", properties: { note: { type: "string", description: "Markdown" } } })).toBe(true);
    expect(carriesPhi(document, { type: "object", properties: { status: { type: "string" } } })).toBe(false);
  });
});
