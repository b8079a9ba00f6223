/**
 * The layering of DESIGN §2 holds because ESLint refuses the wrong imports (eslint.config.mjs). Each zone
 * is tried with an import it must reject, written the ways people write them (relative, `@/`, package,
 * dynamic), and with imports it must accept, through ESLint's own API on the repository's config.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ZONE_RULES = new Set(["import/no-restricted-paths", "no-restricted-imports"]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, "eslint.config.mjs") });
});

/** The zone rules' messages for `code` as if it were the file at `filePath` (which need not exist). */
async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result.messages.filter((m) => m.ruleId && ZONE_RULES.has(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

const LIB_NO_INNGEST = /lib\/ never imports Inngest: publish events through lib\/events, throw PermanentFailure/;
const NOT_UP_FROM_LIB = /lib\/ never imports app\/ or components\//;
const COMPONENTS_RENDER = /components\/ render what they are given/;
const NO_DB_IN_APP = /app\/ reads and writes through lib\/ services, never Prisma/;
const CLINICAL_PURE = /lib\/clinical is pure/;
const INGEST_PURE = /lib\/ingest reads bytes it is given/;
const EVENTS_LEAF = /lib\/events\/definitions\.ts is the leaf/;

const rejected: [zone: string, file: string, code: string, reason: RegExp][] = [
  ["lib → inngest/ (relative)", "lib/labs/zone-probe.ts", `import { inngest } from "../../inngest/client";\nvoid inngest;`, LIB_NO_INNGEST],
  ["lib → inngest/ (alias)", "lib/webhooks/zone-probe.ts", `import { functions } from "@/inngest/functions";\nvoid functions;`, LIB_NO_INNGEST],
  ["lib → the Inngest SDK", "lib/labs/pipeline/zone-probe.ts", `import { NonRetriableError } from "inngest";\nvoid NonRetriableError;`, LIB_NO_INNGEST],
  ["lib → app", "lib/labs/zone-probe.ts", `import { GET } from "@/app/health/route";\nvoid GET;`, NOT_UP_FROM_LIB],
  ["lib → components", "lib/labs/zone-probe.ts", `import * as badge from "../../components/lab-status-badge";\nvoid badge;`, NOT_UP_FROM_LIB],
  ["lib/events/publish.ts → inngest/ beyond the client", "lib/events/publish.ts", `export const load = () => import("../../inngest/functions");`, LIB_NO_INNGEST],
  ["lib/events/definitions.ts → anything of ours", "lib/events/definitions.ts", `import { db } from "../db";\nvoid db;`, EVENTS_LEAF],
  ["lib/events/definitions.ts → a Node built-in", "lib/events/definitions.ts", `import { randomUUID } from "node:crypto";\nvoid randomUUID;`, EVENTS_LEAF],
  ["components → lib/db", "components/zone-probe.tsx", `import { db } from "@/lib/db";\nvoid db;`, COMPONENTS_RENDER],
  ["components → a server-only lib concern", "components/zone-probe.tsx", `import { config } from "../lib/config";\nvoid config;`, COMPONENTS_RENDER],
  ["components → a Node built-in", "components/zone-probe.tsx", `import { readFileSync } from "node:fs";\nvoid readFileSync;`, COMPONENTS_RENDER],
  ["components → Prisma", "components/zone-probe.tsx", `import { PrismaClient } from "@prisma/client";\nvoid PrismaClient;`, COMPONENTS_RENDER],
  ["app → lib/db", "app/v1/zone-probe/route.ts", `import { db } from "../../../lib/db";\nvoid db;`, NO_DB_IN_APP],
  ["app page → lib/db", "app/(portal)/zone-probe/page.tsx", `import { db } from "@/lib/db";\nexport default function Page() { return String(db); }`, NO_DB_IN_APP],
  ["app → inngest/", "app/v1/zone-probe/route.ts", `import { inngest } from "@/inngest/client";\nvoid inngest;`, /only app\/api\/inngest\/route\.ts serves Inngest/],
  ["lib/clinical → lib/db", "lib/clinical/zone-probe.ts", `import { db } from "@/lib/db";\nvoid db;`, CLINICAL_PURE],
  ["lib/clinical → another lib concern", "lib/clinical/rules/zone-probe.ts", `import { labDetailResponse } from "../../labs";\nvoid labDetailResponse;`, CLINICAL_PURE],
  ["lib/clinical → a Node built-in", "lib/clinical/zone-probe.ts", `import { readFile } from "node:fs/promises";\nvoid readFile;`, CLINICAL_PURE],
  ["lib/ingest → lib/config", "lib/ingest/zone-probe.ts", `import { config } from "../config";\nvoid config;`, INGEST_PURE],
  ["lib/ingest → lib/storage", "lib/ingest/zone-probe.ts", `import * as storage from "@/lib/storage";\nvoid storage;`, INGEST_PURE],
  ["lib/ingest → the network", "lib/ingest/zone-probe.ts", `import https from "node:https";\nvoid https;`, INGEST_PURE],
  ["inngest → app", "inngest/functions/zone-probe.ts", `import { GET } from "@/app/health/route";\nvoid GET;`, /inngest\/ calls lib\/ services; it never imports app\/ or components\//],
];

const accepted: [zone: string, file: string, code: string][] = [
  ["app → lib and components", "app/v1/zone-probe/route.ts", `import { startLabWorkflow } from "@/lib/labs/start-workflow";\nimport * as badge from "@/components/lab-status-badge";\nvoid startLabWorkflow;\nvoid badge;`],
  ["the Inngest endpoint → inngest/", "app/api/inngest/route.ts", `import { inngest } from "@/inngest/client";\nimport { functions } from "@/inngest/functions";\nvoid inngest;\nvoid functions;`],
  ["lib → lib/db and lib/events", "lib/labs/zone-probe.ts", `import { db } from "../db";\nimport { publish } from "../events";\nvoid db;\nvoid publish;`],
  ["lib/events/publish.ts → the Inngest client, lazily", "lib/events/publish.ts", `export const load = () => import("../../inngest/client");`],
  ["inngest/functions → lib services", "inngest/functions/zone-probe.ts", `import * as pipeline from "../../lib/labs/pipeline";\nimport { PermanentFailure } from "@/lib/errors";\nvoid pipeline;\nvoid PermanentFailure;`],
  ["lib/clinical → itself", "lib/clinical/rules/zone-probe.ts", `import { CATALOGUE } from "../catalogue";\nvoid CATALOGUE;`],
  ["lib/ingest → lib/clinical and worker threads", "lib/ingest/zone-probe.ts", `import { CATALOGUE } from "../clinical/catalogue";\nimport { Worker } from "node:worker_threads";\nvoid CATALOGUE;\nvoid Worker;`],
  ["components → lib/clinical", "components/zone-probe.tsx", `import { CATALOGUE } from "@/lib/clinical/catalogue";\nvoid CATALOGUE;`],
];

describe("the import zones", () => {
  it.each(rejected)("reject %s", async (_zone, file, code, reason) => {
    const errors = await zoneErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it.each(accepted)("accept %s", async (_zone, file, code) => {
    expect(await zoneErrors(file, code)).toEqual([]);
  });
});
