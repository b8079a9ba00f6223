/**
 * What the run, test and admin commands share: the data directory, the generated secret, and bringing up
 * the database (embedded unless DATABASE_URL is set) with migrations applied.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateExecutorKeys, type ExecutorKeys } from "../inngest/executor/signing";
import { ConfigError } from "../lib/config";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations, ensureDatabaseExists } from "../lib/db/migrate";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.resolve(ROOT, process.env.LABWISE_DATA_DIR ?? ".data");
export const RUNTIME_FILE = path.join(DATA_DIR, "runtime.json");

/**
 * Writes a file only its owner can read (0600) in the data directory (0700): secrets, credentials and the
 * embedded database's URL with its password. `chmod` too, since `mode` applies only when a file is created.
 */
export async function writePrivateFile(file: string, contents: string): Promise<void> {
  await mkdir(DATA_DIR, { recursive: true, mode: 0o700 });
  await chmod(DATA_DIR, 0o700);
  await writeFile(file, contents, { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * AUTH_SECRET from the environment, else one generated on first start and kept in the data directory. A kept
 * secret that is too short (the file was edited) is a configuration error, reported before anything starts.
 */
export async function authSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  if (existsSync(file)) {
    const kept = (await readFile(file, "utf8")).trim();
    if (kept.length < 32) {
      throw new ConfigError(["AUTH_SECRET"], `AUTH_SECRET is unset and ${file} holds fewer than 32 characters: set AUTH_SECRET to at least 32 characters, or restore that file`);
    }
    return kept;
  }
  const secret = randomBytes(32).toString("base64url");
  await writePrivateFile(file, secret);
  return secret;
}

/**
 * The signing and event keys shared by the app and the embedded executor: INNGEST_SIGNING_KEY and
 * INNGEST_EVENT_KEY when set, else a pair generated on first start and kept in the data directory (0600),
 * so a restarted app and executor (or `npm run executor` beside `npm start`) agree without configuration.
 */
export async function executorKeys(): Promise<ExecutorKeys> {
  const file = path.join(DATA_DIR, "inngest-keys.json");
  let keys: ExecutorKeys;
  if (existsSync(file)) keys = readKeys(file, await readFile(file, "utf8"));
  else {
    keys = generateExecutorKeys();
    await writePrivateFile(file, JSON.stringify(keys));
  }
  return {
    signingKey: process.env.INNGEST_SIGNING_KEY || keys.signingKey,
    eventKey: process.env.INNGEST_EVENT_KEY || keys.eventKey,
  };
}

function readKeys(file: string, text: string): ExecutorKeys {
  try {
    const keys = JSON.parse(text);
    if (typeof keys?.signingKey === "string" && typeof keys?.eventKey === "string") return keys;
  } catch {
    // reported below
  }
  throw new ConfigError(
    ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"],
    `${file} must hold {"signingKey": "…", "eventKey": "…"}: delete it to generate a new pair (the app and executor share it), or set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY`,
  );
}

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in `dataDir`. Migrations are applied either way. */
export async function bringUpDatabase(options: { dataDir?: string; persistent?: boolean; quiet?: boolean } = {}): Promise<Database> {
  let database: Database;
  if (process.env.DATABASE_URL) {
    await ensureDatabaseExists(process.env.DATABASE_URL);
    database = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const dataDir = options.dataDir ?? path.join(DATA_DIR, "postgres");
    const embedded = await startEmbeddedPostgres({
      dataDir,
      persistent: options.persistent,
      port: process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined,
      log: process.env.LABWISE_DEBUG && !options.quiet ? (line) => console.log(`[postgres] ${line}`) : undefined,
    });
    database = { url: embedded.url, embedded: true, stop: embedded.stop };
  }
  const applied = await applyMigrations(database.url);
  if (applied.length && !options.quiet) console.log(`[db] applied migrations: ${applied.join(", ")}`);
  return database;
}
