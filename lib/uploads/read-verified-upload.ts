/**
 * Reads an upload's bytes for processing and holds them to the SHA-256 recorded when the upload was
 * confirmed, so a lab is always interpreted from the file that was registered: if the stored object was
 * replaced or altered since (on disk, in the bucket), the lab fails instead of reporting on other data.
 */
import { db } from "../db";
import { TransientFailure } from "../errors";
import { ExtractionError } from "../ingest/errors";
import { sha256Hex, storage } from "../storage";

/** The stored file is not the one registered. Permanent: re-reading cannot bring the original back. */
export class StoredFileChangedError extends ExtractionError {
  constructor() {
    super("the stored file changed after it was registered; upload it again");
    this.name = "StoredFileChangedError";
  }
}

/**
 * The bytes of `upload`, verified against its recorded SHA-256. An upload confirmed before hashes were
 * recorded has none: its hash is recorded now, on first read, and held from then on.
 */
export async function readVerifiedUpload(upload: { id: string; storageKey: string; sha256: string | null }): Promise<Buffer> {
  const bytes = await storage()
    .read(upload.storageKey)
    .catch((error: Error) => {
      // Retryable (object stores can lag), and worded without the storage's internal paths.
      throw new TransientFailure("could not read the uploaded file from storage", { cause: error });
    });
  const sha256 = sha256Hex(bytes);
  if (!upload.sha256) {
    await db.upload.updateMany({ where: { id: upload.id, sha256: null }, data: { sha256 } });
  } else if (upload.sha256 !== sha256) {
    throw new StoredFileChangedError();
  }
  return bytes;
}
