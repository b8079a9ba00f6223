/**
 * Keyset (cursor) pagination over (created_at DESC, id DESC): stable under concurrent inserts, no offsets.
 * The cursor is opaque to clients: base64url of the last row's sort key.
 */
import { z } from "zod";
import { AppError } from "./errors";

export interface Cursor {
  createdAt: Date;
  id: string;
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).optional(),
});

export function encodeCursor(row: Cursor): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !z.uuid().safeParse(id).success) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new AppError("VALIDATION_ERROR", "Invalid cursor", {
      issues: [{ loc: ["query", "cursor"], msg: "Invalid cursor", type: "value_error" }],
    });
  }
}

/** Prisma `where` fragment selecting rows strictly after the cursor in (createdAt DESC, id DESC) order. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Given `limit + 1` rows, the page and the cursor of the next one (null on the last page). */
export function toPage<T extends Cursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
