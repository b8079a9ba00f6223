/**
 * Prisma's schema engine, run offline.
 *
 * The Prisma CLI's `migrate` commands spawn a native schema engine that it downloads on first use; this
 * machine class cannot download it. The same engine ships on npm compiled to WebAssembly
 * (`@prisma/schema-engine-wasm`, pinned to the exact engines version of the `prisma` package) and talks to
 * PostgreSQL through a driver adapter. This module gives it one, so `db:migrate`, `db:new-migration` and
 * the drift check work anywhere `npm install` does, and the migrations stay in Prisma's standard layout
 * for `prisma migrate deploy` wherever the native engine exists.
 *
 * Two corrections to `@prisma/adapter-pg` make it fit for the engine (found by running it):
 * - it splits scripts on every `;`, which breaks functions and string literals: scripts here run whole,
 *   through PostgreSQL's simple-query protocol, which accepts several statements;
 * - it refuses catalog column types (`"char"`, `reg*`) that the engine's introspection queries return:
 *   reg* columns are read as text and `"char"` columns are reported as the Character type the engine
 *   asks for, as the native driver would.
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  bindMigrationAwareSqlAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

const TEXT_OID = 25;
const CHAR_OID = 18;
/** The reg* alias types, which adapter-pg has no column type for; the engine reads them as text. */
const REG_OIDS = new Set([24, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096]);
/** `"char"` columns of a result, keyed by its rows array (adapter-pg hands that same array back). */
const charColumnsByRows = new WeakMap<unknown[], number[]>();

function relabelCatalogColumns(result: pg.QueryResult | pg.QueryResult[]) {
  for (const r of Array.isArray(result) ? result : [result]) {
    const charColumns: number[] = [];
    (r.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) charColumns.push(index);
      if (field.dataTypeID === CHAR_OID || REG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    });
    if (charColumns.length && r.rows) charColumnsByRows.set(r.rows, charColumns);
  }
  return result;
}

/** A pg client whose results pass through relabelCatalogColumns before adapter-pg sees them. */
class CatalogTolerantClient extends pg.Client {
  // pg's query() has many overloads that cannot be re-declared without `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: pg.QueryResult) =>
        last(error, error ? result : relabelCatalogColumns(result));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const returned = (super.query as any)(...args);
    return returned instanceof Promise ? returned.then(relabelCatalogColumns) : returned;
  }
}

/** Restores the `"char"` column type the engine expects, on an adapter or one of its transactions. */
function withCharacterColumns<Q extends { queryRaw: SqlQueryable["queryRaw"] }>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function poolFor(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, Client: CatalogTolerantClient, max: 2 });
}

/** Runs a whole script in one round trip instead of adapter-pg's split on `;`. */
async function runScript(pool: pg.Pool, script: string): Promise<void> {
  await pool.query(script);
}

/**
 * The driver-adapter factory the engine is given. The shadow database is the one named by
 * `shadowDatabaseUrl` (created empty by the caller), never a database derived from the main one.
 */
function adapterFactory(pools: pg.Pool[], databaseUrl: string, shadowDatabaseUrl?: string) {
  const connect = async (url: string) => {
    const pool = poolFor(url);
    pools.push(pool);
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    adapter.executeScript = (script: string) => runScript(pool, script);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => withCharacterColumns(await startTransaction(isolationLevel));
    return withCharacterColumns(adapter);
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(databaseUrl),
    connectToShadowDb: () => {
      if (!shadowDatabaseUrl) throw new Error("this operation needs a shadow database");
      return connect(shadowDatabaseUrl);
    },
  });
}

export interface EngineOptions {
  databaseUrl: string;
  shadowDatabaseUrl?: string;
  schemaPath: string;
  log?: (line: string) => void;
}

let loaded: Promise<typeof SchemaEngine> | undefined;

/**
 * The package's entry imports the `.wasm` file as an ES module, which only bundlers understand; Node needs
 * the module instantiated by hand and handed to the wasm-bindgen glue.
 */
function loadEngineClass(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(glue), "schema_engine_bg.wasm");
    const compiled = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(compiled, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loaded;
}

export async function openSchemaEngine(options: EngineOptions) {
  const SchemaEngine = await loadEngineClass();
  const schema = await readFile(options.schemaPath, "utf8");
  const pools: pg.Pool[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[options.schemaPath, schema]] },
    (line: string) => options.log?.(line),
    adapterFactory(pools, options.databaseUrl, options.shadowDatabaseUrl),
  );
  return {
    engine,
    schemaFiles: [{ path: options.schemaPath, content: schema }],
    /** Frees the engine and closes its connections (idle ones would keep the process alive). */
    async close() {
      engine.free();
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    },
  };
}

/** Reads `prisma/migrations` in the shape the engine expects (the CLI does the same before each call). */
export async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };
