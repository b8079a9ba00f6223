/**
 * `npm run test:chaos`: the fault suite (tests/chaos). Each file starts a deployment of its own — embedded
 * PostgreSQL, the standalone executor, app processes on the production build — and kills parts of it, so the
 * files run one at a time and need `npm run build` first. `npm test` runs it after the browser suite.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/chaos/**/*.chaos.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
