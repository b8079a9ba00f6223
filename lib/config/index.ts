/**
 * Environment configuration, read once and validated. Every variable is documented in README.md
 * ("Configuration"); defaults are the embedded, single-machine ones.
 */
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm run dev/test start an embedded database)"),
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  /** HMAC secret for member JWTs and signed storage URLs. Auth.js uses AUTH_SECRET; one secret serves both. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (the run command generates one)"),
  MEMBER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  /** Local driver: beside the rest of the data (LABWISE_DATA_DIR), so one folder holds an installation. */
  STORAGE_DIR: z.string().default(() => `${process.env.LABWISE_DATA_DIR ?? ".data"}/uploads`),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().positive().default(24),
  INNGEST_BASE_URL: z.string().default("http://127.0.0.1:8288"),
  INNGEST_EVENT_KEY: z.string().default("local"),
  /** Results one lab file may hold; a file with more fails at once, saying how to split it. */
  LAB_MAX_ANALYTES: z.coerce.number().int().positive().default(5000),
  /** PDF pages read per file; later pages are listed in the lab's `skipped`. */
  SCAN_MAX_PAGES: z.coerce.number().int().positive().default(20),
  /** Pages without a text layer read by OCR per file (blank pages are not OCR'd and do not count). */
  OCR_MAX_PAGES: z.coerce.number().int().positive().default(10),
  /** Worker threads that read lab files off the request thread; 0 reads on it (debugging only). */
  EXTRACT_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  /** A file still being read after this long fails (its worker is replaced). */
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid configuration:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
