import { describe, expect, it } from "vitest";
import { apiQuery, filtersFromSearch, NO_FILTERS, searchFromFilters } from "./lab-filters";

describe("lab list filters", () => {
  it("reads only valid values from the URL", () => {
    const filters = filtersFromSearch(new URLSearchParams("status=ready&results=critical&from=2026-11-01&to=nonsense&q=ada"));
    expect(filters).toEqual({ ...NO_FILTERS, status: "ready", results: "critical", from: "2026-11-01", q: "ada" });
    expect(filtersFromSearch(new URLSearchParams("status=deleted&results=all"))).toEqual(NO_FILTERS);
  });

  it("round-trips through the page's query string", () => {
    const filters = { ...NO_FILTERS, q: "mrn 7", status: "failed" as const };
    expect(filtersFromSearch(new URLSearchParams(searchFromFilters(filters)))).toEqual(filters);
    expect(searchFromFilters(NO_FILTERS)).toBe("");
  });

  it("sends whole local days as instants: `to` includes its day", () => {
    const params = new URLSearchParams(apiQuery({ ...NO_FILTERS, from: "2026-11-01", to: "2026-11-01" }, null));
    const from = new Date(params.get("from")!);
    const to = new Date(params.get("to")!);
    expect(to.getTime() - from.getTime()).toBe(new Date(2026, 10, 2).getTime() - new Date(2026, 10, 1).getTime());
    expect(from.getHours()).toBe(0);
  });
});
