import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", ".data/**", "lib/db/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // The layering of DESIGN §2 and STYLE.md: app → lib → prisma; components never touch the database;
    // lib never reaches up into app/ or components/.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"], message: "Components get data through lib services, never Prisma." }] }],
    },
  },
  {
    files: ["lib/**/*.ts", "inngest/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"], message: "lib/ and inngest/ never import the app or UI layers." }] }],
    },
  },
  {
    files: ["app/**/route.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/db/*"], message: "Route handlers call lib services; no Prisma in route.ts." }] }],
    },
  },
  {
    files: ["lib/clinical/**/*.ts"],
    ignores: ["lib/clinical/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "../../*", "node:*"], message: "lib/clinical is pure: it imports nothing else of ours and does no I/O." }] }],
    },
  },
  {
    // Tests of the pure engine may read fixtures (golden files), but still import nothing else of ours.
    files: ["lib/clinical/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "../../*"], message: "lib/clinical is pure: it imports nothing else of ours." }] }],
    },
  },
]);
