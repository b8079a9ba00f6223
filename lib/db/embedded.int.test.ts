import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

const scratch = await mkdtemp(path.join(os.tmpdir(), "labwise-embedded-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("starts a real server, stops cleanly, and a second start reuses the data", async () => {
    const dataDir = path.join(scratch, "postgres");
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    const [{ server_version }] = await query(first.url, "SHOW server_version");
    expect(Number(server_version.split(".")[0])).toBeGreaterThanOrEqual(15);
    await first.stop();
    await expect(query(first.url, "SELECT 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(second.url, "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
