/**
 * `npm run openapi:lint`: builds the OpenAPI document exactly as /openapi.json serves it (from the route
 * declarations, app/routes.generated.ts), writes it to a temporary file and lints it with Redocly's
 * recommended rules. Fails on any error, and on any warning not listed below with its reason.
 * `--out <file>` keeps the JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROUTES } from "../app/routes.generated";
import { buildOpenApiDocument } from "../lib/openapi/document";

/** Warnings we accept, each for a reason; anything else fails the lint. */
const ACCEPTED_WARNINGS: { ruleId: string; pointer: string; why: string }[] = [
  {
    ruleId: "operation-2xx-response",
    pointer: "#/paths/~1v1~1uploads~1{upload_id}~1file/get/responses",
    why: "Downloading a file answers 307 to a short-lived signed URL by design (DESIGN §5.2); the 200 comes from /storage or the bucket.",
  },
];

interface Problem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: { pointer: string }[];
}

const root = path.resolve(import.meta.dirname, "..");
const outIndex = process.argv.indexOf("--out");
const scratch = mkdtempSync(path.join(os.tmpdir(), "labwise-openapi-"));
const file = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(scratch, "openapi.json");
writeFileSync(file, JSON.stringify(buildOpenApiDocument(ROUTES), null, 2));

const lint = spawnSync(path.join(root, "node_modules/.bin/redocly"), ["lint", file, "--format=json", "--max-problems=1000"], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
rmSync(scratch, { recursive: true, force: true });
const start = lint.stdout.indexOf("{");
if (start < 0) {
  console.error(lint.stderr || lint.stdout);
  process.exit(1);
}
const { totals, problems } = JSON.parse(lint.stdout.slice(start)) as { totals: { errors: number; warnings: number }; problems: Problem[] };

const accepted = (p: Problem) => ACCEPTED_WARNINGS.some((a) => a.ruleId === p.ruleId && p.location.some((l) => l.pointer === a.pointer));
const failing = problems.filter((p) => p.severity === "error" || !accepted(p));
for (const p of problems) {
  const where = p.location.map((l) => l.pointer).join(", ");
  const reason = accepted(p) ? ` (accepted: ${ACCEPTED_WARNINGS.find((a) => a.ruleId === p.ruleId)?.why})` : "";
  console.log(`${p.severity === "error" ? "error" : "warning"} ${p.ruleId} at ${where}: ${p.message}${reason}`);
}
console.log(
  `Redocly ${totals.errors} error(s), ${totals.warnings} warning(s); ${failing.length} not accepted. ${
    ROUTES.length
  } route files, document ${outIndex > 0 ? `written to ${file}` : "linted"}.`,
);
process.exit(failing.length ? 1 : 0);
