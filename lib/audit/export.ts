/**
 * The audit log as a CSV download: every row a filter selects, newest first, up to AUDIT_EXPORT_CAP, read in
 * pages of EXPORT_BATCH and streamed, so a large export never sits in memory. Cells are made safe for
 * spreadsheets by ./csv.ts. The rows are those recorded before the export started: what is recorded while it
 * streams (the export's own row included) is left for the next one.
 */
import { db } from "../db";
import { afterCursor, newestFirst, toPage } from "../http/pagination";
import { AUDIT_EXPORT_CAP, type AuditFilter, type PortalAuditEvent } from "../organizations/settings-schemas";
import { auditCsvFileName, csvRecord } from "./csv";
import { auditWhere, withActorLabels } from "./log";

const EXPORT_BATCH = 1_000;

export const AUDIT_CSV_COLUMNS = ["Time (UTC)", "Actor type", "Actor id", "Actor", "Action", "Resource type", "Resource id", "Request id", "Detail"] as const;

export function auditCsvRow(event: PortalAuditEvent): string {
  return csvRecord([
    event.createdAt,
    event.actorType,
    event.actorId,
    event.actorLabel,
    event.action,
    event.resourceType,
    event.resourceId,
    event.requestId,
    event.detail === null ? null : JSON.stringify(event.detail),
  ]);
}

export interface AuditExport {
  fileName: string;
  /** Rows the filter selects. */
  total: number;
  /** Rows in the file: `total`, or the cap when there are more. */
  exported: number;
  body: ReadableStream<Uint8Array>;
}

export async function exportAuditCsv(
  organizationId: string,
  filter: AuditFilter,
  { cap = AUDIT_EXPORT_CAP, batch = EXPORT_BATCH }: { cap?: number; batch?: number } = {},
): Promise<AuditExport> {
  const base = await auditWhere(organizationId, filter);
  // The database's clock, which stamped the rows, marks where the export ends.
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const where = { AND: [base, { createdAt: { lte: now } }] };
  const total = await db.auditEvent.count({ where });
  const exported = Math.min(total, cap);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let written = 0;
  let headerSent = false;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRecord(AUDIT_CSV_COLUMNS)));
        return;
      }
      const take = Math.min(batch, exported - written);
      if (take <= 0) return controller.close();
      const rows = await db.auditEvent.findMany({ where: { AND: [where, afterCursor(cursor)] }, orderBy: newestFirst, take: take + 1 });
      const page = toPage(rows, take);
      const events = await withActorLabels(organizationId, page.items);
      written += events.length;
      cursor = page.nextCursor ?? undefined;
      controller.enqueue(encoder.encode(events.map(auditCsvRow).join("")));
      if (!cursor || written >= exported) controller.close();
    },
  });
  return { fileName: auditCsvFileName(now), total, exported, body };
}
