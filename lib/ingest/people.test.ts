import { describe, expect, it } from "vitest";
import { countPeople } from "./people";

describe("counting the people a file is about", () => {
  it("joins subjects that share any key, even through a third", () => {
    expect(countPeople([["id:1"], ["name:jane roe"], ["id:1", "name:jane roe"]])).toBe(1);
  });

  it("keeps apart subjects that share nothing, and ignores subjects with no keys", () => {
    expect(countPeople([["id:1"], ["id:2"], [], ["id:3", "name:a"]])).toBe(3);
    expect(countPeople([])).toBe(0);
  });
});
