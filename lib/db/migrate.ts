/**
 * Migrations, applied offline through the WebAssembly schema engine (see ./schema-engine.ts).
 *
 * `applyMigrations` is what `prisma migrate deploy` does, recorded in the same `_prisma_migrations` table,
 * so a database set up here can later be managed by the Prisma CLI with the native engine and vice versa.
 * `diffMigrationsAgainstSchema` replays the migrations into a throw-away database and compares the result
 * with schema.prisma: an empty diff means the two agree; the script it returns is the next migration.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { NO_FILTER, openSchemaEngine, readMigrations } from "./schema-engine";

export const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openSchemaEngine({ databaseUrl, schemaPath: SCHEMA_PATH });
  try {
    const migrationsList = await readMigrations(MIGRATIONS_DIR);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Runs `work` on a connection to the server's maintenance database (to create or drop others). */
async function withAdmin<T>(databaseUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, "postgres") });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const databaseName = (databaseUrl: string) => new URL(databaseUrl).pathname.slice(1);

/** Creates the database named in `databaseUrl` when it does not exist yet (CI's server, a new deployment). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withAdmin(databaseUrl, async (admin) => {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withAdmin(databaseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(databaseUrl))} WITH (FORCE)`));
}

/** Runs `work` against a new, empty database on the same server, dropped afterwards. */
export async function withScratchDatabase<T>(databaseUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const scratchUrl = withDatabase(databaseUrl, `labwise_scratch_${randomBytes(6).toString("hex")}`);
  await ensureDatabaseExists(scratchUrl);
  try {
    return await work(scratchUrl);
  } finally {
    await dropDatabase(scratchUrl);
  }
}

/** SQL that would bring a database built from the migrations up to schema.prisma; "" when they agree. */
export async function diffMigrationsAgainstSchema(databaseUrl: string): Promise<string> {
  return withScratchDatabase(databaseUrl, async (scratchUrl) => {
    await applyMigrations(scratchUrl);
    const { engine, schemaFiles, close } = await openSchemaEngine({ databaseUrl: scratchUrl, schemaPath: SCHEMA_PATH });
    try {
      const { stdout } = await engine.diff({
        from: { tag: "schemaDatasource", files: schemaFiles, configDir: PRISMA_DIR },
        to: { tag: "schemaDatamodel", files: schemaFiles },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      });
      const script = stdout ?? "";
      return /^\s*(--.*\n?\s*)*$/.test(script) ? "" : script;
    } finally {
      await close();
    }
  });
}
