/**
 * `npm run routes:generate`: writes app/routes.generated.ts, the import list of every route module, from
 * the files under app/ (lib/http/route-files.ts). `--check` only compares and exits 1 when it is stale.
 * Runs before `next build`; tests/api/route-coverage.test.ts makes the same comparison.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listRouteFiles, REGISTRY_FILE, renderRegistry } from "../lib/http/route-files";

const root = path.resolve(import.meta.dirname, "..");
const target = path.join(root, REGISTRY_FILE);
const wanted = renderRegistry(listRouteFiles(root));
let current = "";
try {
  current = readFileSync(target, "utf8");
} catch {
  current = "";
}

if (process.argv.includes("--check")) {
  if (current !== wanted) {
    console.error(`${REGISTRY_FILE} is stale: run \`npm run routes:generate\` and commit it.`);
    process.exit(1);
  }
  console.log(`${REGISTRY_FILE} is up to date.`);
} else if (current !== wanted) {
  writeFileSync(target, wanted);
  console.log(`wrote ${REGISTRY_FILE}`);
}
