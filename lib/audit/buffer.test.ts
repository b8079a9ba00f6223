/**
 * The batched audit writer: rows land together, a row the database cannot take does not hold up the others,
 * and a clean shutdown writes every queued row before the process is let go.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { FLUSH_BATCH_ROWS, FLUSH_INTERVAL_MS, flushAuditQueue, installAuditShutdownFlush, pendingAuditRows, queueAuditRow, type ShutdownTarget } from "./buffer";
import { createTenant } from "../../tests/support/fixtures";

function rows(organizationId: string, n: number, requestId = `buffer-${randomUUID()}`) {
  return Array.from({ length: n }, (_, i) => ({
    organizationId,
    actorType: "member",
    actorId: randomUUID(),
    action: "read",
    resourceType: "lab_result",
    resourceId: randomUUID(),
    requestId: `${requestId}-${i}`,
  }));
}

const written = (prefix: string) => db.auditEvent.count({ where: { requestId: { startsWith: prefix } } });

describe("the batched audit writer", () => {
  it("writes queued rows together within the flush interval, each with its access time", async () => {
    const { organizationId } = await createTenant();
    const prefix = `buffer-${randomUUID()}`;
    const before = new Date();
    const done = Promise.all(rows(organizationId, 3, prefix).map(queueAuditRow));
    expect(pendingAuditRows()).toBeGreaterThanOrEqual(3);
    await done;
    expect(await written(prefix)).toBe(3);
    const stored = await db.auditEvent.findMany({ where: { requestId: { startsWith: prefix } } });
    for (const row of stored) expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
  });

  it("flushes at once when a batch is full, and in several statements past it", async () => {
    const { organizationId } = await createTenant();
    const prefix = `buffer-${randomUUID()}`;
    const started = Date.now();
    await Promise.all(rows(organizationId, FLUSH_BATCH_ROWS * 2 + 7, prefix).map(queueAuditRow));
    expect(await written(prefix)).toBe(FLUSH_BATCH_ROWS * 2 + 7);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("gives up only the row the database refuses (an organisation that does not exist), not its batch", async () => {
    const { organizationId } = await createTenant();
    const prefix = `buffer-${randomUUID()}`;
    const good = rows(organizationId, 4, prefix);
    const bad = rows(randomUUID(), 1, `${prefix}-bad`);
    await Promise.all([...good.slice(0, 2), ...bad, ...good.slice(2)].map(queueAuditRow));
    expect(await written(prefix)).toBe(4);
  });

  it("writes every queued row on a clean shutdown before the process exits", async () => {
    const { organizationId } = await createTenant();
    const prefix = `buffer-${randomUUID()}`;
    const signals = new EventEmitter();
    let exitedWith: number | undefined;
    let rowsAtExit = -1;
    const exited = new Promise<void>((resolve) => {
      const target = {
        once: (signal: "SIGTERM" | "SIGINT", listener: () => void) => signals.once(signal, listener),
        exit: ((code?: number) => {
          exitedWith = code;
          void written(prefix).then((n) => {
            rowsAtExit = n;
            resolve();
          });
        }) as ShutdownTarget["exit"],
      };
      installAuditShutdownFlush(target);
      for (const row of rows(organizationId, 25, prefix)) void queueAuditRow(row);
      signals.emit("SIGTERM");
      // Rows of requests still finishing while the server closes.
      for (const row of rows(organizationId, 5, `${prefix}-late`)) void queueAuditRow(row);
      // What Next.js does once its server has closed: exit at once.
      target.exit(143);
    });
    await exited;
    expect(exitedWith).toBe(143);
    expect(rowsAtExit).toBe(30);
    await flushAuditQueue();
  });

  it("does not keep a row waiting longer than a flush interval or so", async () => {
    const { organizationId } = await createTenant();
    const prefix = `buffer-${randomUUID()}`;
    const started = Date.now();
    await queueAuditRow(rows(organizationId, 1, prefix)[0]);
    expect(Date.now() - started).toBeLessThan(FLUSH_INTERVAL_MS * 20);
    expect(await written(prefix)).toBe(1);
  });
});
