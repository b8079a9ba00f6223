import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { decodeCursor, encodeCursor, toPage } from "./pagination";

describe("cursor pagination", () => {
  const row = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "0b7f3f4e-9a57-4a43-8bd3-2f2f8f9d1a11" };

  it("round-trips a cursor", () => {
    expect(decodeCursor(encodeCursor(row))).toEqual(row);
  });

  it.each(["", "not-base64!", Buffer.from('["x","y"]').toString("base64url"), Buffer.from("{}").toString("base64url")])(
    "rejects a malformed cursor %j",
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    },
  );

  it("gives a next cursor only when there is another row", () => {
    const rows = [row, { ...row, id: "1b7f3f4e-9a57-4a43-8bd3-2f2f8f9d1a11" }];
    expect(toPage(rows, 2).nextCursor).toBeNull();
    const page = toPage(rows, 1);
    expect(page.items).toEqual([row]);
    expect(decodeCursor(page.nextCursor!)).toEqual(row);
  });
});
