/**
 * Statements on the prepared-statement pool: a statement written with Prisma's `sql` tag runs there with its
 * values as parameters (arrays, nulls, dates, JSON text), and comes back as `pg` parses it.
 */
import { describe, expect, it } from "vitest";
import { Prisma } from "./index";
import { pooledSql, preparedRows } from "./prepared";

describe("pooledSql", () => {
  it("runs a Prisma.sql statement with its values as parameters, again and again under one name", async () => {
    const at = new Date("2025-01-15T08:30:00.123Z");
    const run = (n: number) =>
      pooledSql<{ n: number; ids: string[]; at: Date; nothing: number | null; doc: { a: number } }>(Prisma.sql`
        SELECT ${n}::int AS n, ${["6f1c1b43-1d7e-4a55-9f3b-2d1c4a8e9b10"]}::uuid[] AS ids, ${at}::timestamptz AS at,
          ${null}::int AS nothing, ${JSON.stringify({ a: n })}::jsonb AS doc`);
    for (const n of [1, 2, 3]) {
      expect(await run(n)).toEqual([{ n, ids: ["6f1c1b43-1d7e-4a55-9f3b-2d1c4a8e9b10"], at, nothing: null, doc: { a: n } }]);
    }
  });

  it("answers a database error as an error, not as rows", async () => {
    await expect(preparedRows({ name: "labwise_test_bad_cast", text: "SELECT $1::uuid AS id" }, ["not-a-uuid"])).rejects.toThrow(/uuid/);
  });
});
