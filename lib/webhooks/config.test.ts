import { describe, expect, it } from "vitest";
import { parseDuration, parseRetrySchedule, webhookSettings } from "./config";

describe("parseDuration", () => {
  it.each([
    ["0", 0],
    ["1500", 1500],
    ["250ms", 250],
    ["5s", 5000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1500],
    [" 10h ", 36_000_000],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "-5s", "5 s", "five", "5x", "s5", "5s!"])("refuses %j", (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});

describe("parseRetrySchedule", () => {
  it("defaults to DESIGN §5.5: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (nine attempts)", () => {
    const expected = [0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
    expect(parseRetrySchedule(undefined)).toEqual(expected);
    expect(parseRetrySchedule("  ")).toEqual(expected);
  });

  it("reads a test schedule", () => {
    expect(parseRetrySchedule("0,100ms,200ms")).toEqual([0, 100, 200]);
    expect(parseRetrySchedule("1s")).toEqual([1000]);
  });

  it("names the entry it cannot read", () => {
    expect(() => parseRetrySchedule("0,5s,soon")).toThrow(/entry 3: "soon" is not a duration/);
  });
});

describe("webhookSettings", () => {
  it("reads timeout, schedule and allowlist from the environment", () => {
    expect(webhookSettings({ WEBHOOK_TIMEOUT_MS: "2500", WEBHOOK_RETRY_SCHEDULE: "0,1s", WEBHOOK_ALLOWED_HOSTS: " 127.0.0.1, hooks.internal ,," })).toEqual({
      timeoutMs: 2500,
      retryDelaysMs: [0, 1000],
      allowedHosts: ["127.0.0.1", "hooks.internal"],
    });
    expect(webhookSettings({}).timeoutMs).toBe(10_000);
  });

  it("refuses a timeout that is not a positive number", () => {
    expect(() => webhookSettings({ WEBHOOK_TIMEOUT_MS: "ten" })).toThrow(/WEBHOOK_TIMEOUT_MS/);
    expect(() => webhookSettings({ WEBHOOK_TIMEOUT_MS: "0" })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});
