/**
 * Named (prepared) statements on a small node-postgres pool of their own, for the few statements that run many
 * times per lab or per request. Through Prisma each such statement is compiled by its query engine and its rows
 * mapped again after `pg` has parsed them: for a lab's 60 analytes that is about four times the CPU of the
 * statement itself (`lib/labs/pipeline/analyte-chunks.ts`). Here PostgreSQL plans it once per connection and the
 * rows come back as `pg` parsed them; write the SQL with quoted aliases (`raw_name AS "rawName"`) so they have
 * the shape the caller's type says.
 *
 * A statement written with Prisma's `sql` tag runs here too (`pooledSql`), so a hot statement moves off Prisma's
 * client without being written again. Not in a transaction: those stay on Prisma's.
 *
 * Everything else stays on Prisma: this is for a statement a profile showed, not a second data layer.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { connectionLimits, poolConfig, Prisma } from "./index";

/** At most this many connections per process, within DATABASE_POOL_SIZE. */
const POOL_MAX = 8;

const globalForStatements = globalThis as unknown as { labwiseStatementPool?: pg.Pool };

function statementPool(): pg.Pool {
  if (!globalForStatements.labwiseStatementPool) {
    const config = poolConfig(connectionLimits());
    const pool = new pg.Pool({ ...config, max: Math.min(config.max ?? POOL_MAX, POOL_MAX) });
    // An idle connection that fails is dropped by the pool; without a listener the error would be thrown.
    pool.on("error", () => undefined);
    globalForStatements.labwiseStatementPool = pool;
  }
  return globalForStatements.labwiseStatementPool;
}

/** A named statement's SQL, and the name each connection prepares it under. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** The rows of a prepared statement, typed as its aliases make them. */
export async function preparedRows<Row extends pg.QueryResultRow>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const result = await statementPool().query<Row>({ name: statement.name, text: statement.text, values });
  return result.rows;
}

/** Statement names by SQL text: the texts `pooledSql` sees are a handful of shapes, each named once. */
const namesByText = new Map<string, string>();

function nameOf(text: string): string {
  let name = namesByText.get(text);
  if (!name) namesByText.set(text, (name = `labwise_${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`));
  return name;
}

/**
 * A statement written with Prisma's `sql` tag, prepared under a name derived from its text. Only for a
 * statement whose text has a few shapes (its values are parameters); one built from a list of rows is not.
 */
export async function pooledSql<Row extends pg.QueryResultRow = pg.QueryResultRow>(sql: Prisma.Sql): Promise<Row[]> {
  return preparedRows<Row>({ name: nameOf(sql.text), text: sql.text }, sql.values);
}

/**
 * What a read or change through this pool throws when the row is not there: Prisma's not-found (P2025), the
 * same as the Prisma query it replaces, so callers and their tests see one answer.
 */
export function rowNotFound(what: string): Error {
  return new Prisma.PrismaClientKnownRequestError(`No ${what} found`, { code: "P2025", clientVersion: Prisma.prismaVersion.client });
}
