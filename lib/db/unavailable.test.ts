import { describe, expect, it } from "vitest";
import { toAppError } from "../http/errors";
import { Prisma } from "./generated/client";
import { isDatabaseUnavailable } from "./unavailable";

const prismaError = (code: string, cause?: object) =>
  new Prisma.PrismaClientKnownRequestError("Can't reach database server", { code, clientVersion: "7", meta: cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : undefined });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["Prisma: server unreachable (P1001)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["Prisma raw query over the adapter (P2010 carrying DatabaseNotReachable)", prismaError("P2010", { kind: "DatabaseNotReachable" })],
    ["the adapter: connection closed", prismaError("P2010", { kind: "ConnectionClosed" })],
    ["the adapter: PostgreSQL shutting down (57P01)", prismaError("P2010", { kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" })],
    ["Prisma pool timeout (P2024)", prismaError("P2024")],
    ["pg: connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["pg: the server went away", new Error("Connection terminated unexpectedly")],
    // What a raw statement through the adapter met in the crash chaos test, on a pooled connection PostgreSQL had killed.
    ["pg: a query on a connection already lost", new Error("Client has encountered a connection error and is not queryable")],
    ["pg: a query on a closed client", new Error("Client was closed and is not queryable")],
    ["pg: starting up (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["wrapped as a cause", new Error("read failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })],
  ])("%s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const answer = toAppError(error);
    expect([answer.status, answer.headers]).toEqual([503, { "retry-after": "5" }]);
  });

  it.each([
    ["a unique violation", prismaError("P2002")],
    ["not found", prismaError("P2025")],
    ["a syntax error (42601)", Object.assign(new Error("syntax error"), { code: "42601" })],
    ["a plain bug", new TypeError("undefined is not a function")],
    ["nothing", undefined],
  ])("not for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error).status).not.toBe(503);
  });
});
