/**
 * Webhook delivery settings, read from the environment on every use (not cached with lib/config), so the
 * process that runs deliveries picks them up and tests can set them per file.
 *
 * - `WEBHOOK_RETRY_SCHEDULE`: delays before each retry, comma-separated durations (`0`, `250ms`, `5s`, `5m`,
 *   `2h`, `1d`, combinations like `1h30m`; a bare number is milliseconds). One more attempt than entries.
 *   Default: DESIGN §5.5's `0,5s,5m,30m,2h,5h,10h,10h` — nine attempts over about 28 hours.
 * - `WEBHOOK_TIMEOUT_MS`: how long one attempt may take, connect to last byte read. Default 10000.
 * - `WEBHOOK_ALLOWED_HOSTS`: comma-separated hostnames, IP addresses and CIDR ranges that may be delivered
 *   to although they are private, loopback or link-local, and over plain http (./url-guard.ts).
 */

/** DESIGN §5.5: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE = "0,5s,5m,30m,2h,5h,10h,10h";
export const DEFAULT_TIMEOUT_MS = 10_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"250ms"` → 250, `"1h30m"` → 5 400 000, `"0"` or `"1500"` → milliseconds as written. */
export function parseDuration(text: string): number {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== value) {
    throw new Error(`"${text}" is not a duration (use e.g. 0, 250ms, 5s, 5m, 2h, 1h30m)`);
  }
  return Math.round(parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_MS[unit], 0));
}

/** The retry delays in milliseconds; an empty or unset value means the default schedule. */
export function parseRetrySchedule(text: string | undefined): number[] {
  const value = text?.trim() || DEFAULT_RETRY_SCHEDULE;
  return value.split(",").map((entry, index) => {
    try {
      return parseDuration(entry);
    } catch (error) {
      throw new Error(`WEBHOOK_RETRY_SCHEDULE entry ${index + 1}: ${(error as Error).message}`);
    }
  });
}

export interface WebhookSettings {
  retryDelaysMs: number[];
  timeoutMs: number;
  allowedHosts: string[];
}

export function webhookSettings(env: Record<string, string | undefined> = process.env): WebhookSettings {
  const timeoutMs = env.WEBHOOK_TIMEOUT_MS?.trim() ? Number(env.WEBHOOK_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`WEBHOOK_TIMEOUT_MS must be a positive number of milliseconds, not "${env.WEBHOOK_TIMEOUT_MS}"`);
  }
  return {
    retryDelaysMs: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    timeoutMs,
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}
