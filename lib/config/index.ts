/**
 * Environment configuration, read once and validated. Every variable is documented in README.md
 * ("Configuration"); defaults are the embedded, single-machine ones. A bad value is reported as one line
 * naming the variable and what it must look like (EXPECTED below), never as a stack trace: the run command
 * checks the whole environment this way before it starts anything (`startupConfigurationError`).
 */
import { z } from "zod";

/**
 * The shape of a partner API key (`lw_<8-char prefix>_<secret>`, lib/auth/api-keys.ts), here so that
 * SEED_API_KEY can be checked before anything else starts; config imports nothing of ours.
 */
export const API_KEY_PATTERN = /^lw_[a-z0-9]{8}_[A-Za-z0-9_-]{32,64}$/;
/** API_KEY_PATTERN in words. */
export const API_KEY_FORM = "lw_<8 lowercase letters or digits>_<32 to 64 letters, digits, - or _>";

/** What LOG_LEVEL may name: pino's levels, most severe first, and `silent`; lib/log reads it. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const schema = z.object({
  DATABASE_URL: z.string().min(1),
  /** Connections per process in the Prisma pool (lib/db). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** PostgreSQL cancels a statement running longer than this (`statement_timeout`); 0 disables it. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Opening a connection fails after this long, instead of waiting on an unreachable server. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** An idle pooled connection is closed after this long; 0 keeps idle connections open. */
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  /** Where the run command's Next.js listens. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** HMAC secret for member JWTs and signed storage URLs. Auth.js uses AUTH_SECRET; one secret serves both. */
  AUTH_SECRET: z.string().min(32),
  /** The demo organisation's API key, chosen by the operator so scripts can use it. */
  SEED_API_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(API_KEY_PATTERN).optional()),
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
  /**
   * A request that claimed an Idempotency-Key and stopped holding it (its process died) is taken over by a
   * retry once this long has passed since the claim (lib/http/idempotency.ts).
   */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).default(30),
  INNGEST_BASE_URL: z.url().default("http://127.0.0.1:8288"),
  INNGEST_EVENT_KEY: z.string().default("local"),
  /** Results one lab file may hold; a file with more fails at once, saying how to split it. */
  LAB_MAX_ANALYTES: z.coerce.number().int().positive().default(5000),
  /** PDF pages read per file; later pages are listed in the lab's `skipped`. */
  SCAN_MAX_PAGES: z.coerce.number().int().positive().default(20),
  /** Pages without a text layer read by OCR per file (blank pages are not OCR'd and do not count). */
  OCR_MAX_PAGES: z.coerce.number().int().positive().default(10),
  /** Inflated bytes of one PDF page's content streams; a page with more fails the file before it is parsed. */
  PDF_MAX_PAGE_CONTENT_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  /** Inflated bytes of the content streams of all pages read from one PDF (and of its object streams). */
  PDF_MAX_CONTENT_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  /** Worker threads that read lab files off the request thread; 0 reads on it (debugging only). */
  EXTRACT_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  /** A file still being read after this long fails (its worker is replaced). */
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** The least severe level the logger writes (lib/log). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /**
   * The coach's optional language model (lib/coach/engine/llm.ts): an OpenAI-compatible base URL (a self-hosted
   * Ollama's `http://127.0.0.1:11434/v1`, vLLM's `/v1`), the model's name and an optional bearer key. Unset, the
   * coach answers with its deterministic templates only.
   */
  COACH_LLM_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  COACH_LLM_MODEL: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  COACH_LLM_API_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  /** The model's answer is waited for this long; after it the deterministic reply is sent. */
  COACH_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  /**
   * Outgoing mail (lib/mail: sign-in links, invitations) through this SMTP server, e.g.
   * `smtps://user:password@smtp.example.com:465` or `smtp://smtp.example.com:587` (STARTTLS when offered).
   * Unset (the embedded default), each message is printed to the server log and appended to MAIL_OUTBOX_FILE.
   */
  EMAIL_SERVER: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^smtps?$/ }).optional()),
  /** The From address of outgoing mail, e.g. `Labwise <no-reply@labs.example.com>`. */
  EMAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).default("Labwise <no-reply@localhost>")),
  /** Without EMAIL_SERVER: a JSON-lines file each message is appended to (the run command sets `<data dir>/mail-outbox.jsonl`). */
  MAIL_OUTBOX_FILE: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  /**
   * Single sign-on with an OpenID Connect provider: its issuer URL (https, or http on a loopback address for
   * local testing), the client id and secret registered there, and the button's label. Unset, no SSO button.
   */
  OIDC_ISSUER: z.preprocess((v) => (v === "" ? undefined : v), z.url().refine(isAcceptableIssuer).optional()),
  OIDC_CLIENT_ID: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  OIDC_NAME: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).max(60).default("single sign-on")),
}).superRefine((env, context) => {
  // An issuer without its client credentials cannot sign anyone in: say what is missing at start, not at sign-in.
  for (const variable of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
    if (env.OIDC_ISSUER && !env[variable]) context.addIssue({ code: "custom", path: [variable], message: "required when OIDC_ISSUER is set" });
  }
});

/**
 * An OpenID issuer must be https: its discovery document and keys decide who signs in. Plain http is allowed
 * only on a loopback address (a provider on the same machine, as the tests start one), never across a network.
 * @auth/core lets oauth4webapi fetch http URLs, so this check is what keeps a deployment's issuer on https.
 */
function isAcceptableIssuer(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export type Config = z.infer<typeof schema>;

/** What each variable must look like, as the one-line error says it. */
const EXPECTED: Partial<Record<keyof Config, string>> = {
  DATABASE_URL: "a PostgreSQL URL such as postgresql://user:password@host:5432/labwise (npm run dev and npm test start an embedded database when it is unset)",
  DATABASE_POOL_SIZE: "a whole number of connections from 1 to 1000",
  DATABASE_STATEMENT_TIMEOUT_MS: "a whole number of milliseconds, 0 or more (0 disables the timeout)",
  DATABASE_CONNECT_TIMEOUT_MS: "a whole number of milliseconds, 1 or more",
  DATABASE_IDLE_TIMEOUT_MS: "a whole number of milliseconds, 0 or more (0 keeps idle connections)",
  PUBLIC_BASE_URL: "an absolute URL such as https://labs.example.com",
  PORT: "a TCP port, a whole number from 1 to 65535",
  AUTH_SECRET: "at least 32 characters (unset, the run command generates one)",
  SEED_API_KEY: `an API key of the form ${API_KEY_FORM}, as \`npm run labwise -- key:create\` prints (or unset, for a random one)`,
  MEMBER_TOKEN_TTL_SECONDS: "a whole number of seconds from 60 to 86400",
  UPLOAD_URL_TTL_SECONDS: "a whole number of seconds from 30 to 86400",
  UPLOAD_MAX_BYTES: "a whole number of bytes, 1 or more",
  STORAGE_DRIVER: "local or s3",
  S3_FORCE_PATH_STYLE: "true or false",
  IDEMPOTENCY_TTL_HOURS: "a whole number of hours, 1 or more",
  IDEMPOTENCY_LEASE_SECONDS: "a whole number of seconds, 1 or more",
  INNGEST_BASE_URL: "an absolute URL such as http://127.0.0.1:8288",
  LAB_MAX_ANALYTES: "a whole number, 1 or more",
  SCAN_MAX_PAGES: "a whole number of pages, 1 or more",
  OCR_MAX_PAGES: "a whole number of pages, 1 or more",
  PDF_MAX_PAGE_CONTENT_BYTES: "a whole number of bytes, 1 or more",
  PDF_MAX_CONTENT_BYTES: "a whole number of bytes, 1 or more",
  EXTRACT_WORKERS: "a whole number of worker threads from 0 to 8",
  EXTRACT_TIMEOUT_MS: "a whole number of milliseconds, 1000 or more",
  LOG_LEVEL: `one of ${LOG_LEVELS.join(", ")}`,
  COACH_LLM_URL: "an absolute URL of an OpenAI-compatible API such as http://127.0.0.1:11434/v1 (or unset, for the deterministic coach only)",
  COACH_LLM_TIMEOUT_MS: "a whole number of milliseconds from 100 to 120000",
  EMAIL_SERVER: "an SMTP URL such as smtps://user:password@smtp.example.com:465 (or unset, to print mail to the server log)",
  OIDC_ISSUER: "the https URL of an OpenID Connect issuer (http only on localhost, 127.0.0.1 or [::1]), or unset for no single sign-on",
  OIDC_NAME: "a button label of 1 to 60 characters",
};

/** A configuration problem, worded for whoever sets the environment; its message is a single line. */
export class ConfigError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Validates `env` against the schema; every problem named by its variable, on one line. */
function parse(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "environment")))];
  const problems = variables.map((variable) => {
    const expected = EXPECTED[variable as keyof Config];
    const set = env[variable] !== undefined;
    if (expected) return `${variable} ${set ? "must be" : "is required:"} ${expected}`;
    const issue = parsed.error.issues.find((i) => String(i.path[0]) === variable);
    return `${variable}: ${issue?.message ?? "invalid"}`;
  });
  return fail(variables, problems);
}

function fail(variables: string[], problems: string[]): never {
  throw new ConfigError(variables, `Invalid configuration: ${problems.join("; ")}`);
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parse(process.env);
  return cached;
}

/**
 * The run command's check, made before it starts the database or anything else: the environment as the app
 * will see it, with what the run command supplies itself (an embedded database's URL, a generated
 * AUTH_SECRET) standing in where those are unset. Returns the one line to print, or null when all is well.
 */
export function startupConfigurationError(env: NodeJS.ProcessEnv = process.env): string | null {
  const supplied: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: env.DATABASE_URL || "postgresql://embedded@127.0.0.1/labwise",
    AUTH_SECRET: env.AUTH_SECRET || "generated-by-the-run-command-generated-by-the-run-command",
  };
  try {
    parse(supplied);
    if (env.EMBEDDED_PG_PORT !== undefined && !isPort(env.EMBEDDED_PG_PORT)) {
      fail(["EMBEDDED_PG_PORT"], [`EMBEDDED_PG_PORT must be a TCP port, a whole number from 1 to 65535`]);
    }
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

const isPort = (value: string) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65_535;

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
