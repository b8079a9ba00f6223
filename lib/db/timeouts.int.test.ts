/**
 * Connection limits (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_CONNECT_TIMEOUT_MS): a statement that runs past
 * the timeout is cancelled by PostgreSQL, and a server that never answers fails the query instead of hanging
 * it. Each test makes a client of its own with short limits.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { connectionLimits, createPrismaClient, type PrismaClient } from "./index";

const clients: PrismaClient[] = [];
function clientWith(overrides: Partial<ReturnType<typeof connectionLimits>>) {
  const client = createPrismaClient({ ...connectionLimits(), max: 1, ...overrides });
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
});

describe("database connection limits", () => {
  it("cancels a statement that runs longer than the statement timeout", async () => {
    const client = clientWith({ statementTimeoutMs: 200 });
    const started = Date.now();
    await expect(client.$queryRaw`SELECT pg_sleep(5)::text`).rejects.toThrow(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(3000);
    // The connection is still usable afterwards.
    expect(await client.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("lets a statement within the timeout finish", async () => {
    const client = clientWith({ statementTimeoutMs: 2000 });
    expect(await client.$queryRaw`SELECT pg_sleep(0.1)::text AS slept`).toEqual([{ slept: "" }]);
  });

  it("fails a query at once when the server accepts the connection but never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const client = clientWith({ connectionString: `postgresql://postgres@127.0.0.1:${port}/none`, connectTimeoutMs: 300 });
      const started = Date.now();
      await expect(client.$queryRaw`SELECT 1`).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("lets an interactive transaction run longer than Prisma's 5 s default, within the statement timeout", async () => {
    // A busy process (OCR on the same event loop, a burst on two cores) can hold a transaction open that long.
    const client = clientWith({ statementTimeoutMs: 10_000 });
    const answer = await client.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_sleep(5.5)::text`;
      return tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    });
    expect(answer).toEqual([{ one: 1 }]);
  });

  it("defaults to a 30 s statement timeout and a 10 s connect timeout", () => {
    expect(connectionLimits()).toMatchObject({ statementTimeoutMs: 30_000, connectTimeoutMs: 10_000 });
  });
});

