import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { config } from "../config";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { Storage } from "./types";

export type { ObjectDigest, SignedUpload, Storage, StoredObject } from "./types";
export { sha256Hex } from "./digest";
export { LocalStorage, ObjectExistsError } from "./local";
export { S3Storage } from "./s3";

let instance: Storage | undefined;

/** The configured storage driver (STORAGE_DRIVER), built once per process. */
export function storage(): Storage {
  instance ??= createStorage();
  return instance;
}

function createStorage(): Storage {
  const c = config();
  if (c.STORAGE_DRIVER === "s3") {
    if (!c.S3_BUCKET) throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET");
    const client = new S3Client({
      region: c.S3_REGION,
      endpoint: c.S3_ENDPOINT,
      forcePathStyle: c.S3_FORCE_PATH_STYLE,
      // Otherwise the SDK signs a CRC32 of the empty body into pre-signed PUT URLs, which S3 then checks
      // against the file the client sends.
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    return new S3Storage(client, c.S3_BUCKET);
  }
  return new LocalStorage(path.resolve(c.STORAGE_DIR), c.PUBLIC_BASE_URL, `labwise storage\0${c.AUTH_SECRET}`);
}
