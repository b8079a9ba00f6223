/** A service's PermanentFailure stops the run (NonRetriableError, same message); any other error is retried as it is. */
import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { PermanentFailure } from "@/lib/errors";
import { mapDomainErrors } from "./domain-errors";

describe("mapDomainErrors", () => {
  it("turns a PermanentFailure into a NonRetriableError with the same message, keeping it as the cause", async () => {
    const failure = new PermanentFailure("no lab values found in this file");
    const thrown = await mapDomainErrors(() => Promise.reject(failure))().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(NonRetriableError);
    expect(thrown).toMatchObject({ message: "no lab values found in this file", cause: failure });
  });

  it("rethrows any other error unchanged, so Inngest retries it", async () => {
    const error = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    await expect(mapDomainErrors(() => Promise.reject(error))()).rejects.toBe(error);
  });

  it("returns the body's result", async () => {
    expect(await mapDomainErrors(async () => ({ analytes: 3 }))()).toEqual({ analytes: 3 });
  });
});
