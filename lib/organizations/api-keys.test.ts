import { describe, expect, it } from "vitest";
import { liveFirst } from "./api-keys";

const key = (name: string, createdAt: string, revokedAt: string | null = null) => ({ name, createdAt, revokedAt });

describe("liveFirst", () => {
  it("puts live keys first, newest first, then revoked ones, most recently revoked first", () => {
    const keys = [
      key("old live", "2026-01-01T00:00:00Z"),
      key("revoked long ago", "2026-01-02T00:00:00Z", "2026-02-01T00:00:00Z"),
      key("new live", "2026-03-01T00:00:00Z"),
      key("revoked lately", "2025-12-01T00:00:00Z", "2026-03-05T00:00:00Z"),
    ];
    expect(liveFirst(keys).map((k) => k.name)).toEqual(["new live", "old live", "revoked lately", "revoked long ago"]);
  });

  it("leaves the list it was given as it was", () => {
    const keys = [key("a", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"), key("b", "2026-01-01T00:00:00Z")];
    liveFirst(keys);
    expect(keys.map((k) => k.name)).toEqual(["a", "b"]);
  });
});
