import { builtinModules } from "node:module";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/*
 * The layering of DESIGN §2 and STYLE.md ("Shape of the house"), enforced so the picture stays true:
 *
 *   app → lib → prisma     app/ may import lib/ and components/; lib/ never imports app/, components/ or inngest/
 *   components             render what they are given: no database, secrets, server I/O, Node built-ins or Prisma
 *   inngest/functions      call lib/ services; lib/ publishes through lib/events and throws PermanentFailure
 *   lib/clinical           pure: imports nothing else of ours and no Node built-ins
 *   lib/ingest             bytes in, values out: nothing of ours but lib/clinical, and no network, database or
 *                          storage (node:worker_threads, node:path and reading its own assets are plumbing, not I/O
 *                          on the app's state; limits and options arrive as arguments, never from lib/config)
 *   lib/events/definitions the leaf every layer shares: zod and nothing else
 *
 * Our own modules are matched by where an import resolves (import/no-restricted-paths), so `@/lib/db`,
 * `../../db` and `../db/index.ts` are the same import; packages and Node built-ins by name
 * (no-restricted-imports). Each block below covers a disjoint set of files, so no block silently replaces
 * another's rules. tests/lint/zones.test.ts checks that each zone rejects a wrong import.
 */

const ROOT = import.meta.dirname;
const SOURCE = "{ts,tsx,mts,mjs}";

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith("_"));
/** Built-ins that reach outside the process: the network, other processes. */
const NETWORK_BUILTINS = ["child_process", "cluster", "dgram", "dns", "dns/promises", "http", "http2", "https", "net", "tls"];

const builtins = (names, message) => [...names, ...names.map((name) => `node:${name}`)].map((name) => ({ name, message }));

const LIB_NO_INNGEST =
  "lib/ never imports Inngest: publish events through lib/events, throw PermanentFailure (lib/errors) for a permanent failure — inngest/functions map it to NonRetriableError.";
const NO_DB_IN_APP = "app/ reads and writes through lib/ services, never Prisma (DESIGN §2).";
const APP_NO_INNGEST = "app/ starts background work through lib/ services (they publish via lib/events); only app/api/inngest/route.ts serves Inngest.";
const NOT_UP_FROM_LIB = "lib/ never imports app/ or components/: dependencies point app → lib → prisma.";
const NOT_UP_FROM_INNGEST = "inngest/ calls lib/ services; it never imports app/ or components/.";
const COMPONENTS_RENDER =
  "components/ render what they are given: server state comes through app/ (server components call lib/ services) or react-query hooks, never the database, secrets or server I/O.";
const CLINICAL_PURE = "lib/clinical is pure: it imports nothing else of ours and does no I/O.";
const INGEST_PURE = "lib/ingest reads bytes it is given: it imports nothing of ours but lib/clinical (no database, storage, config or services).";
const EVENTS_LEAF = "lib/events/definitions.ts is the leaf every layer shares: it imports zod and nothing else.";

// Package names as regexes: a gitignore-style group such as "inngest" would also match the relative path
// "../../inngest/client", which import/no-restricted-paths already reports with the zone's reason.
const prismaPackages = (message) => ({ regex: "^(@prisma/|pg(-[a-z-]+)?(/|$))", message });
const inngestPackages = (message) => ({ regex: "^inngest(/|$)", message });
const awsPackages = (message) => ({ regex: "^@aws-sdk/", message });

/**
 * One zone: `files` may not import `ours` (each `{ from, except, message }`, paths from the repository root)
 * nor the packages in `paths` / `patterns` (no-restricted-imports options).
 */
function zone({ name, files, ignores = [], ours = [], paths = [], patterns = [] }) {
  const rules = {};
  if (ours.length) {
    rules["import/no-restricted-paths"] = ["error", { basePath: ROOT, zones: ours.map((z) => ({ target: ".", ...z })) }];
  }
  if (paths.length || patterns.length) rules["no-restricted-imports"] = ["error", { paths, patterns }];
  return { name: `labwise/zones/${name}`, files, ignores, rules };
}

const lib = (dir) => `./lib/${dir}`;
/** lib/ concerns that hold the database, secrets or server I/O; components never import them. */
const SERVER_ONLY_LIB = ["db", "config", "crypto", "auth", "storage", "uploads", "webhooks", "events", "audit", "health"].map(lib);

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", ".data/**", "lib/db/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),

  zone({
    name: "app",
    files: [`app/**/*.${SOURCE}`],
    ignores: ["app/api/inngest/route.ts"],
    ours: [
      { from: lib("db"), message: NO_DB_IN_APP },
      { from: "./inngest", message: APP_NO_INNGEST },
    ],
    patterns: [prismaPackages(NO_DB_IN_APP), inngestPackages(APP_NO_INNGEST)],
  }),
  zone({
    name: "app-inngest-endpoint",
    files: ["app/api/inngest/route.ts"],
    ours: [{ from: lib("db"), message: NO_DB_IN_APP }],
    patterns: [prismaPackages(NO_DB_IN_APP)],
  }),
  zone({
    name: "components",
    files: [`components/**/*.${SOURCE}`],
    ours: [
      { from: ["./app", "./inngest"], message: COMPONENTS_RENDER },
      { from: SERVER_ONLY_LIB, message: COMPONENTS_RENDER },
    ],
    paths: builtins(NODE_BUILTINS, COMPONENTS_RENDER),
    patterns: [prismaPackages(COMPONENTS_RENDER), inngestPackages(COMPONENTS_RENDER), awsPackages(COMPONENTS_RENDER)],
  }),

  zone({
    name: "lib",
    files: [`lib/**/*.${SOURCE}`],
    ignores: ["lib/clinical/**", "lib/ingest/**", "lib/events/definitions.ts", "lib/events/publish.ts"],
    ours: [
      { from: ["./app", "./components"], message: NOT_UP_FROM_LIB },
      { from: "./inngest", message: LIB_NO_INNGEST },
    ],
    patterns: [inngestPackages(LIB_NO_INNGEST)],
  }),
  zone({
    // The publish port's default publisher loads inngest/client.ts (lib/events/publish.ts says why): the one
    // import of inngest/ lib/ has, and nothing else of inngest/.
    name: "lib-events-publish",
    files: ["lib/events/publish.ts"],
    ours: [
      { from: ["./app", "./components"], message: NOT_UP_FROM_LIB },
      { from: "./inngest", except: ["./client.ts"], message: LIB_NO_INNGEST },
    ],
    patterns: [inngestPackages(LIB_NO_INNGEST)],
  }),
  zone({
    name: "lib-events-definitions",
    files: ["lib/events/definitions.ts"],
    ours: [{ from: ".", except: ["./node_modules/zod"], message: EVENTS_LEAF }],
    paths: builtins(NODE_BUILTINS, EVENTS_LEAF),
  }),
  zone({
    name: "lib-clinical",
    files: [`lib/clinical/**/*.${SOURCE}`],
    ignores: ["lib/clinical/**/*.test.ts"],
    ours: [{ from: ".", except: ["./lib/clinical", "./node_modules"], message: CLINICAL_PURE }],
    paths: builtins(NODE_BUILTINS, CLINICAL_PURE),
    patterns: [inngestPackages(LIB_NO_INNGEST)],
  }),
  zone({
    // Tests of the pure engine may read fixtures (golden files), but still import nothing else of ours.
    name: "lib-clinical-tests",
    files: ["lib/clinical/**/*.test.ts"],
    ours: [{ from: ".", except: ["./lib/clinical", "./node_modules"], message: CLINICAL_PURE }],
    patterns: [inngestPackages(LIB_NO_INNGEST)],
  }),
  zone({
    name: "lib-ingest",
    files: [`lib/ingest/**/*.${SOURCE}`],
    ignores: ["lib/ingest/**/*.test.ts"],
    ours: [{ from: ".", except: ["./lib/ingest", "./lib/clinical", "./node_modules"], message: INGEST_PURE }],
    paths: builtins(NETWORK_BUILTINS, INGEST_PURE),
    patterns: [prismaPackages(INGEST_PURE), awsPackages(INGEST_PURE), inngestPackages(LIB_NO_INNGEST)],
  }),
  zone({
    // Extractor tests read the sample files in tests/fixtures.
    name: "lib-ingest-tests",
    files: ["lib/ingest/**/*.test.ts"],
    ours: [{ from: ".", except: ["./lib/ingest", "./lib/clinical", "./node_modules", "./tests/fixtures"], message: INGEST_PURE }],
    paths: builtins(NETWORK_BUILTINS, INGEST_PURE),
    patterns: [prismaPackages(INGEST_PURE), awsPackages(INGEST_PURE), inngestPackages(LIB_NO_INNGEST)],
  }),

  zone({
    name: "inngest",
    files: [`inngest/**/*.${SOURCE}`],
    ours: [{ from: ["./app", "./components"], message: NOT_UP_FROM_INNGEST }],
  }),
]);
