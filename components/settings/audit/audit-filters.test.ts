import { describe, expect, it } from "vitest";
import { actionLabel, auditApiQuery, auditFiltersFromSearch, detailEntries, hasAuditFilters, NO_AUDIT_FILTERS, resourceHref, searchFromAuditFilters } from "./audit-filters";

describe("auditFiltersFromSearch", () => {
  it("reads the filters a link or a reload carries", () => {
    const filters = auditFiltersFromSearch(new URLSearchParams("actorType=api_key&actor=lw_abc&action=read&resourceType=lab_result&resourceId=123&from=2026-11-01&to=2026-11-28"));
    expect(filters).toEqual({ actorType: "api_key", actor: "lw_abc", action: "read", resourceType: "lab_result", resourceId: "123", from: "2026-11-01", to: "2026-11-28" });
  });

  it("drops values the endpoint would refuse, so a mistyped link shows the log instead of an error", () => {
    const filters = auditFiltersFromSearch(new URLSearchParams("actorType=robot&action=steal&resourceType=Lab%20Result&from=yesterday&to=2026-13"));
    expect(filters).toEqual(NO_AUDIT_FILTERS);
    expect(hasAuditFilters(filters)).toBe(false);
  });
});

describe("searchFromAuditFilters", () => {
  it("keeps only what is set", () => {
    expect(searchFromAuditFilters({ ...NO_AUDIT_FILTERS, resourceId: " abc ", action: "export" })).toBe("action=export&resourceId=abc");
  });
});

describe("auditApiQuery", () => {
  it("turns days into the instants the viewer's days start, 'to' including its whole day", () => {
    const params = new URLSearchParams(auditApiQuery({ ...NO_AUDIT_FILTERS, from: "2026-11-01", to: "2026-11-28" }, { cursor: "c1", limit: 50 }));
    expect(params.get("from")).toBe(new Date(2026, 10, 1).toISOString());
    expect(params.get("to")).toBe(new Date(2026, 10, 29).toISOString());
    expect(params.get("limit")).toBe("50");
    expect(params.get("cursor")).toBe("c1");
  });

  it("has no paging for the export", () => {
    expect(auditApiQuery({ ...NO_AUDIT_FILTERS, actor: "admin@" })).toBe("actor=admin%40");
  });
});

describe("labels", () => {
  it("words actions", () => {
    expect(actionLabel("read")).toBe("Read");
    expect(actionLabel("sign_in_refused")).toBe("Sign-in refused");
    expect(actionLabel("revoke_sessions")).toBe("Sign out everywhere");
    expect(actionLabel("send_test")).toBe("Send test event");
  });

  it("shows a detail's fields, arrays as lists", () => {
    expect(detailEntries({ name: "Sync", scopes: ["read", "write"], rows: 3, prefix: null })).toEqual([
      ["name", "Sync"],
      ["scopes", "read, write"],
      ["rows", "3"],
      ["prefix", "null"],
    ]);
    expect(detailEntries(null)).toEqual([]);
    expect(detailEntries("text")).toEqual([["detail", '"text"']]);
  });

  it("links labs and patients to their pages, nothing else", () => {
    expect(resourceHref("lab_result", "abc")).toBe("/labs/abc");
    expect(resourceHref("member", "m1")).toBe("/patients/m1");
    expect(resourceHref("api_key", "k1")).toBeNull();
    expect(resourceHref("lab_result", null)).toBeNull();
  });
});
