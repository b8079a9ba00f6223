/**
 * What an organisation used this month, for its admins' organisation page: labs processed (ready or failed,
 * counted on the day they finished), Lab Results Agent runs (on the day they were requested) and webhooks
 * delivered (succeeded deliveries, on the day they succeeded). Days and the month are UTC days, the same for
 * every viewer and every replica, so a total never depends on who looks; the page says so.
 */
import { db } from "../db";
import type { PortalUsage, UsageDay } from "./settings-schemas";

type Series = Exclude<keyof UsageDay, "date">;
const SERIES: Series[] = ["labsProcessed", "agentRuns", "webhooksDelivered"];

/** The UTC month containing `now`: its first instant and the first instant of the next one. */
export function utcMonthOf(now: Date): { start: Date; end: Date; month: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end, month: start.toISOString().slice(0, 7) };
}

/**
 * Every day of the month from the first to `now`'s (UTC), with the counts found for it and zeros elsewhere,
 * plus the totals: pure, so the chart's shape is tested without a database.
 */
export function usageOfMonth(now: Date, counts: { day: string; series: Series; count: number }[]): PortalUsage {
  const { start, month } = utcMonthOf(now);
  const days: UsageDay[] = [];
  for (let date = start; date.getUTCMonth() === start.getUTCMonth() && date <= now; date = new Date(date.getTime() + 86_400_000)) {
    days.push({ date: date.toISOString().slice(0, 10), labsProcessed: 0, agentRuns: 0, webhooksDelivered: 0 });
  }
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const { day, series, count } of counts) {
    const row = byDate.get(day);
    if (row) row[series] += count;
  }
  const totals = { labsProcessed: 0, agentRuns: 0, webhooksDelivered: 0 };
  for (const day of days) for (const series of SERIES) totals[series] += day[series];
  return { month, totals, days };
}

/** The month's usage so far: one query, the three series grouped by UTC day. */
export async function organizationUsage(organizationId: string, now = new Date()): Promise<PortalUsage> {
  const { start, end } = utcMonthOf(now);
  const rows = await db.$queryRaw<{ day: string; series: Series; count: number }[]>`
    SELECT to_char(date_trunc('day', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, series, count(*)::int AS count
    FROM (
      SELECT completed_at AS at, 'labsProcessed' AS series FROM lab_results
        WHERE organization_id = ${organizationId}::uuid AND status IN ('ready', 'failed') AND completed_at >= ${start} AND completed_at < ${end}
      UNION ALL
      SELECT created_at, 'agentRuns' FROM lab_results
        WHERE organization_id = ${organizationId}::uuid AND source = 'agent_run' AND created_at >= ${start} AND created_at < ${end}
      UNION ALL
      SELECT delivered_at, 'webhooksDelivered' FROM webhook_deliveries
        WHERE organization_id = ${organizationId}::uuid AND status = 'succeeded' AND delivered_at >= ${start} AND delivered_at < ${end}
    ) AS usage
    GROUP BY 1, 2`;
  return usageOfMonth(now, rows);
}
