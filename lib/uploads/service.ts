/**
 * Uploads: the first half of the two-step upload flow (seed 000). A partner or member asks for a signed URL,
 * PUTs the bytes there, and registers the resulting `file_url` as a lab (lib/labs/register-upload.ts).
 */
import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/credentials";
import { config } from "../config";
import { db, Prisma } from "../db";
import { pooledSql } from "../db/prepared";
import { AppError, notFound } from "../http/errors";
import { getMemberOrThrow } from "../members";
import { storage } from "../storage";

export interface CreateUploadInput {
  organizationId: string;
  memberId: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Whose file this is: a member token names its member; an API key must say, with `user_id`. A member
 * naming someone else is refused.
 */
export function uploadOwner(principal: Principal, userId: string | undefined): string {
  if (principal.kind === "member") {
    if (userId && userId !== principal.memberId) throw new AppError("FORBIDDEN", "This token belongs to another member");
    return principal.memberId;
  }
  if (!userId) {
    throw new AppError("VALIDATION_ERROR", "user_id is required with an API key", {
      issues: [{ loc: ["body", "user_id"], msg: "Field required when authenticating with an API key", type: "missing" }],
    });
  }
  return userId;
}

export async function createUpload(input: CreateUploadInput) {
  const { UPLOAD_MAX_BYTES, UPLOAD_URL_TTL_SECONDS } = config();
  if (input.size > UPLOAD_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Files are limited to ${UPLOAD_MAX_BYTES} bytes`);
  }
  await getMemberOrThrow(input.organizationId, input.memberId);
  const id = randomUUID();
  const key = `${input.organizationId}/${id}`;
  const expiresAt = new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000);
  const signed = await storage().signUpload({ key, contentType: input.contentType, size: input.size, expiresAt });
  await db.upload.create({
    data: {
      id,
      organizationId: input.organizationId,
      memberId: input.memberId,
      storageKey: key,
      filename: input.filename,
      contentType: input.contentType,
      declaredSize: input.size,
      expiresAt,
    },
  });
  return { uploadId: id, signed, fileUrl: fileUrlFor(id) };
}

/** The stable reference to an uploaded file that the partner hands back when registering it. */
export function fileUrlFor(uploadId: string): string {
  return new URL(`/v1/uploads/${uploadId}/file`, config().PUBLIC_BASE_URL).toString();
}

const FILE_URL_PATH = /^\/v1\/uploads\/([0-9a-f-]{36})\/file\/?$/i;

/** The upload id inside a `file_url`; the host is not checked, so URLs survive a change of public address. */
export function uploadIdFromFileUrl(fileUrl: string): string {
  let pathname: string;
  try {
    pathname = new URL(fileUrl, config().PUBLIC_BASE_URL).pathname;
  } catch {
    pathname = "";
  }
  const match = pathname.match(FILE_URL_PATH);
  if (!match) {
    throw new AppError("VALIDATION_ERROR", "file_url is not a Labwise file URL", {
      issues: [{ loc: ["body", "file_url"], msg: "Use the file_url returned by POST /v1/uploads", type: "value_error" }],
    });
  }
  return match[1].toLowerCase();
}

export async function getUploadOrThrow(organizationId: string, uploadId: string, memberId?: string) {
  const upload = await db.upload.findFirst({
    where: { id: uploadId, organizationId, ...(memberId ? { memberId } : {}) },
  });
  if (!upload) throw notFound("Upload");
  return upload;
}

/**
 * Confirms the bytes are in storage and match what was declared, and records their actual size and SHA-256:
 * the fingerprint the pipeline holds the file to (./read-verified-upload.ts). Storage is the source of truth
 * because with S3 the PUT never passes through Labwise, so there the object is read and hashed now; the
 * local driver's PUT already recorded the hash of what it wrote.
 */
export async function confirmUploaded(upload: { id: string; storageKey: string; declaredSize: number; state: string; sha256: string | null }) {
  if (upload.state !== "pending") return;
  const object = await storage().stat(upload.storageKey);
  if (!object) {
    throw new AppError("CONFLICT", "The file has not been uploaded yet: PUT it to upload_url first");
  }
  if (object.size !== upload.declaredSize) {
    throw new AppError("UNPROCESSABLE", `The uploaded file has ${object.size} bytes, but ${upload.declaredSize} were declared`);
  }
  const sha256 = upload.sha256 ?? (await storage().digest(upload.storageKey)).sha256;
  // Every registration of a new file passes here: a prepared statement (lib/db/prepared.ts).
  await pooledSql(Prisma.sql`
    UPDATE uploads SET state = 'uploaded', actual_size = ${object.size}::int, sha256 = ${sha256}, uploaded_at = ${new Date()}::timestamptz
     WHERE id = ${upload.id}::uuid AND state = 'pending'`);
}

/** A short-lived download link for an upload's bytes. */
export async function downloadUrlFor(organizationId: string, uploadId: string, memberId?: string) {
  const upload = await getUploadOrThrow(organizationId, uploadId, memberId);
  if (upload.state === "pending" && !(await storage().stat(upload.storageKey))) {
    throw notFound("File");
  }
  return storage().signDownload(upload.storageKey, new Date(Date.now() + 5 * 60_000));
}
