// Entry of the extraction worker thread (lib/ingest/extract-pool.ts). Plain JavaScript on purpose: Next.js
// bundles the app's TypeScript, so a worker cannot point at a bundled module; this file is loaded by Node
// itself, registers tsx (already what `npm run dev`/`npm start` run on) and imports the TypeScript
// extractor from the source tree.
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
