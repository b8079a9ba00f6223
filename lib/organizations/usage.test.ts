import { describe, expect, it } from "vitest";
import { usageOfMonth, utcMonthOf } from "./usage";

describe("utcMonthOf", () => {
  it("is the UTC month, whatever the hour", () => {
    expect(utcMonthOf(new Date("2026-11-30T23:59:59Z"))).toEqual({ start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z"), month: "2026-11" });
    expect(utcMonthOf(new Date("2026-12-31T12:00:00Z")).end).toEqual(new Date("2027-01-01T00:00:00Z"));
  });
});

describe("usageOfMonth", () => {
  it("has every day from the first to today, zeros included, and the totals", () => {
    const usage = usageOfMonth(new Date("2026-02-03T08:00:00Z"), [
      { day: "2026-02-01", series: "labsProcessed", count: 2 },
      { day: "2026-02-03", series: "labsProcessed", count: 1 },
      { day: "2026-02-03", series: "webhooksDelivered", count: 5 },
      { day: "2026-02-02", series: "agentRuns", count: 4 },
    ]);
    expect(usage).toEqual({
      month: "2026-02",
      totals: { labsProcessed: 3, agentRuns: 4, webhooksDelivered: 5 },
      days: [
        { date: "2026-02-01", labsProcessed: 2, agentRuns: 0, webhooksDelivered: 0 },
        { date: "2026-02-02", labsProcessed: 0, agentRuns: 4, webhooksDelivered: 0 },
        { date: "2026-02-03", labsProcessed: 1, agentRuns: 0, webhooksDelivered: 5 },
      ],
    });
  });

  it("reaches the month's last day on that day, and ignores counts outside the days shown", () => {
    const usage = usageOfMonth(new Date("2026-02-28T23:00:00Z"), [{ day: "2026-03-01", series: "agentRuns", count: 9 }]);
    expect(usage.days).toHaveLength(28);
    expect(usage.totals.agentRuns).toBe(0);
  });
});
