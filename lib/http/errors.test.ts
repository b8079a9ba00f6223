import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { AppError, toAppError } from "./errors";
import { renderError, type Surface } from "./surfaces";

const SURFACES: Surface[] = ["member", "partner", "agent"];
const requestId = "req-7f3a";

const driverError = () =>
  new Prisma.PrismaClientKnownRequestError(
    'Invalid `prisma.member.create()` invocation:\n\nError occurred during query execution: ConnectorError(QueryError(PostgresError { code: "22021", message: "invalid byte sequence for encoding \\"UTF8\\": 0x00" }))',
    { code: "P2010", clientVersion: "7.0.0" },
  );

async function rendered(surface: Surface, thrown: unknown) {
  const response = renderError(surface, toAppError(thrown), { requestId });
  return { status: response.status, text: await response.text() };
}

describe("internal errors", () => {
  it.each(SURFACES)("a driver error answers 500 on the %s surface with a generic message and the request id only", async (surface) => {
    const { status, text } = await rendered(surface, driverError());
    expect(status).toBe(500);
    expect(text).toContain(`Internal server error (request id ${requestId})`);
    expect(text).not.toMatch(/prisma|postgres|UTF8|22021|P2010|invocation/i);
  });

  it.each(SURFACES)("an exception's message and stack never reach the %s surface's answer", async (surface) => {
    const error = new TypeError("Cannot read properties of undefined (reading 'secretThing')");
    const { text } = await rendered(surface, error);
    expect(text).not.toContain("secretThing");
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
  });

  it("an AppError coded INTERNAL_ERROR by a service does not show its own words either", async () => {
    const { text } = await rendered("member", new AppError("INTERNAL_ERROR", "could not reach 10.0.3.7:5432"));
    expect(JSON.parse(text)).toEqual({ detail: `Internal server error (request id ${requestId})` });
  });

  it("Prisma's not-found and unique violations become 404 and 409 with messages of our own", async () => {
    const notFound = new Prisma.PrismaClientKnownRequestError("No record was found for an update.", { code: "P2025", clientVersion: "7.0.0" });
    const unique = new Prisma.PrismaClientKnownRequestError("Unique constraint failed on the fields: (`email`)", { code: "P2002", clientVersion: "7.0.0" });
    expect(await rendered("partner", notFound)).toMatchObject({ status: 404, text: expect.not.stringContaining("update") });
    expect(await rendered("partner", unique)).toMatchObject({ status: 409, text: expect.not.stringContaining("email") });
  });
});
