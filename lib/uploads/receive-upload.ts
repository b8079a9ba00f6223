/**
 * The PUT of an upload's bytes to its signed URL (local storage driver; with S3 the bucket receives it and
 * `If-None-Match: *` does the same job). A URL accepts exactly one successful PUT: never after the upload
 * has moved on from `pending`, never onto a file already stored (the write itself is exclusive, so of two
 * concurrent PUTs one wins). The winner's SHA-256 and size are recorded at once, for confirmUploaded.
 */
import { db } from "../db";
import { notFound } from "../http/errors";
import { admitSignedPut, alreadyUploaded, storeSignedPut } from "../storage/transfer";

export async function receiveUploadBytes(request: Request, key: string, query: URLSearchParams) {
  const put = admitSignedPut(request, key, query);
  const upload = await db.upload.findUnique({ where: { storageKey: key }, select: { id: true, state: true, sha256: true } });
  if (!upload) throw notFound("Upload");
  if (upload.state !== "pending" || upload.sha256) throw alreadyUploaded();
  const written = await storeSignedPut(request, put);
  await db.upload.updateMany({
    where: { id: upload.id, state: "pending", sha256: null },
    data: { sha256: written.sha256, actualSize: written.size },
  });
  return written;
}
