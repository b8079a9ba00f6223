/**
 * The member surface's read of one lab (`GET /v1/users/{id}/labs/{lab}`), the API's hot read. A ready lab does
 * not change, so its answer is serialised once — on the first read after it became ready — and stored in
 * `lab_member_bodies` with a strong ETag; every later read is one indexed statement that returns those bytes
 * (no relation loading, no findings presented again, no JSON built), and `If-None-Match` gets a 304.
 *
 * Stored in PostgreSQL, not in the process, because replicas share nothing else. A stored body is served only
 * while it still describes the lab:
 * - `lab_updated_at` must equal the lab row's `updated_at` (every write through Prisma, and the raw writes of
 *   the pipeline, move it): a re-run, a status change, microbiology, a webhook sequence bump — anything;
 * - `version` must be this build's: a deploy whose serialiser or clinical wording changed rebuilds on first read;
 * - triggers (migration `lab_member_bodies`) delete it in the same transaction when the lab row (while or once
 *   `ready`), its analytes or its upload's shown fields change; deleting the lab or its member cascades.
 * Labs that are not ready (pending, processing, failed) are small and still moving: built fresh on each read.
 * A process keeps the bytes it served last per lab (bounded), and asks the database only whether their tag is
 * still the current one, so the 37 KB are not fetched and parsed again on every read.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "../db";
import { preparedRows } from "../db/prepared";
import { log } from "../log";
import { notFound } from "../http/errors";
import { serializeLabDetail } from "./member-serializers";
import { getMemberLabOrThrow, type LabDetail } from "./queries";

/** Bump when the serialised shape changes in a way a build id would not show (it always does in production). */
const SERIALIZER_VERSION = "1";

let buildVersion: string | undefined;

/**
 * The production build's id (`.next/BUILD_ID`), so that each deploy serialises afresh; elsewhere (tests, dev,
 * where code changes without a build) one id per process.
 */
export function memberBodyVersion(): string {
  if (buildVersion) return buildVersion;
  let build: string | null = null;
  if (process.env.NODE_ENV === "production") {
    try {
      build = readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim() || null;
    } catch {
      build = null;
    }
  }
  return (buildVersion = `${SERIALIZER_VERSION}:${build ? `build-${build}` : `process-${randomUUID()}`}`);
}

/** The answer's bytes and their strong entity tag. */
export interface MemberLabBody {
  /** The JSON text; a body this process held is its UTF-8 bytes, encoded once. */
  body: string | Uint8Array<ArrayBuffer>;
  etag: string;
  status: LabDetail["status"];
}

/** Exactly what the route has always answered: `JSON.stringify({ data: serializeLabDetail(lab) })`. */
export function buildMemberLabBody(lab: LabDetail): MemberLabBody & { body: string } {
  const body = JSON.stringify({ data: serializeLabDetail(lab) });
  return { body, etag: strongEtag(body), status: lab.status };
}

export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

/**
 * The hot statement, prepared once per connection (lib/db/prepared.ts): no query planning per read on the
 * database's side, no query interpretation on ours. `undefined`: no such lab for this member;
 * `null`: the statement could not run (the database away) — the caller then reads through Prisma, whose
 * errors the wrapper knows how to answer.
 */
async function storedRow(values: string[]): Promise<StoredRow | undefined | null> {
  try {
    const [row] = await preparedRows<StoredRow>(STORED_BODY, values);
    return row;
  } catch (error) {
    log.warn({ component: "labs", err: error }, "stored lab body read failed; reading through Prisma");
    return null;
  }
}

const STORED_BODY = {
  name: "labwise_member_lab_body",
  text: `
  SELECT l.status::text AS status, b.etag, CASE WHEN b.etag = $5 THEN NULL ELSE b.body END AS body
    FROM lab_results l
    LEFT JOIN lab_member_bodies b ON b.lab_result_id = l.id AND b.lab_updated_at = l.updated_at AND b.version = $4
   WHERE l.id = $1::uuid AND l.organization_id = $2::uuid AND l.member_id = $3::uuid`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredRow {
  status: LabDetail["status"];
  etag: string | null;
  body: string | null;
}

/**
 * The member's lab as the member surface answers it: the stored body of a ready lab when there is a current
 * one (one statement), otherwise built from the lab and its relations — and stored, when ready, for the next
 * read. 404 when the lab is not this member's in this organisation.
 */
export async function readMemberLabBody(organizationId: string, memberId: string, labResultId: string): Promise<MemberLabBody> {
  // The database decides what is current; when this process already holds the bytes of that tag, they are not
  // sent again (`body` comes back null and the tag is enough).
  const held = heldBodies.get(labResultId);
  const row = UUID.test(labResultId) && UUID.test(organizationId) && UUID.test(memberId)
    ? await storedRow([labResultId, organizationId, memberId, memberBodyVersion(), held?.etag ?? ""])
    : null;
  if (row === undefined) throw notFound("Lab result");
  if (row && row.status === "ready" && row.etag !== null) {
    if (row.body === null && held && held.etag === row.etag) return { body: held.bytes, etag: held.etag, status: row.status };
    if (row.body !== null) return hold(labResultId, { body: row.body, etag: row.etag, status: row.status });
  }
  const lab = await getMemberLabOrThrow(organizationId, memberId, labResultId);
  const built = buildMemberLabBody(lab);
  if (lab.status === "ready") await storeMemberLabBody(lab, built);
  return built;
}

/**
 * Bytes of stored bodies this process has served, by lab, with their tag: only ever served after the database
 * said that tag is the lab's current one, so they cannot be stale; a cap on the total size bounds the memory.
 */
const heldBodies = new Map<string, { etag: string; bytes: Uint8Array<ArrayBuffer> }>();
let heldBytes = 0;
const HELD_BYTES_MAX = 32 * 1024 * 1024;

function hold(labResultId: string, answer: MemberLabBody & { body: string }): MemberLabBody {
  const previous = heldBodies.get(labResultId);
  if (previous) {
    heldBytes -= previous.bytes.length;
    heldBodies.delete(labResultId);
  }
  const bytes = Buffer.from(answer.body, "utf8");
  if (bytes.length > HELD_BYTES_MAX / 8) return answer;
  // Oldest first out (a Map iterates in insertion order).
  for (const [id, old] of heldBodies) {
    if (heldBytes + bytes.length <= HELD_BYTES_MAX) break;
    heldBodies.delete(id);
    heldBytes -= old.bytes.length;
  }
  heldBodies.set(labResultId, { etag: answer.etag, bytes });
  heldBytes += bytes.length;
  return { ...answer, body: bytes };
}

/**
 * Keeps the body of a ready lab, if the lab is still as it was read (same `updated_at`, still ready): a body
 * built from a row that changed meanwhile is not stored. A failure to store only costs the next read a rebuild.
 */
async function storeMemberLabBody(lab: LabDetail, built: MemberLabBody & { body: string }): Promise<void> {
  const version = memberBodyVersion();
  await db.$executeRaw`
    INSERT INTO lab_member_bodies (lab_result_id, lab_updated_at, version, etag, body)
    SELECT l.id, l.updated_at, ${version}, ${built.etag}, ${built.body}
      FROM lab_results l
     WHERE l.id = ${lab.id}::uuid AND l.updated_at = ${lab.updatedAt} AND l.status = 'ready'
    ON CONFLICT (lab_result_id) DO UPDATE
      SET lab_updated_at = EXCLUDED.lab_updated_at, version = EXCLUDED.version, etag = EXCLUDED.etag,
          body = EXCLUDED.body, built_at = now()`.catch(() => undefined);
}

/**
 * Whether `If-None-Match` names this entity tag (or is `*`). The weak comparison RFC 9110 §13.1.2 asks for:
 * `W/"x"` matches `"x"`.
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const wanted = header.trim();
  if (wanted === "*") return true;
  return wanted.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
