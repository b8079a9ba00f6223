/**
 * The local driver's side of a signed URL: checks signature, expiry, content type and size, then streams
 * the body to disk (PUT, once per key) or serves it (GET). Only reachable when STORAGE_DRIVER=local; with
 * S3 the client talks to the bucket directly.
 */
import { AppError } from "../http/errors";
import { storage } from "./index";
import { LocalStorage, ObjectExistsError, WrongSizeError } from "./local";

function localStorageOrNotFound(): LocalStorage {
  const s = storage();
  if (!(s instanceof LocalStorage)) throw new AppError("NOT_FOUND", "Not found");
  return s;
}

function checkSignature(s: LocalStorage, fields: Parameters<LocalStorage["verify"]>[0], signature: string | null) {
  if (!signature) throw new AppError("FORBIDDEN", "This URL is not signed");
  const verdict = s.verify(fields, signature);
  if (!verdict.ok) {
    throw new AppError("FORBIDDEN", verdict.reason === "expired" ? "This upload URL has expired; request a new one" : "Invalid URL signature");
  }
}

function sameMediaType(a: string, b: string): boolean {
  return a.split(";")[0].trim().toLowerCase() === b.split(";")[0].trim().toLowerCase();
}

/** A signed PUT whose URL, content type and declared length passed: what is left is to store its body. */
export interface AdmittedPut {
  storage: LocalStorage;
  key: string;
  size: number;
  contentType: string;
}

/** The checks that need no body — signature, expiry, content type, declared length — in that order. */
export function admitSignedPut(request: Request, key: string, query: URLSearchParams): AdmittedPut {
  const s = localStorageOrNotFound();
  const contentType = query.get("content_type") ?? "";
  const size = Number(query.get("size"));
  checkSignature(s, { method: "PUT", key, expires: Number(query.get("expires")), contentType, size }, query.get("signature"));

  const sentType = request.headers.get("content-type") ?? "";
  if (!sameMediaType(sentType, contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `This URL accepts only ${contentType} (Content-Type was '${sentType || "missing"}')`);
  }
  const sentLength = request.headers.get("content-length");
  if (sentLength !== null && Number(sentLength) !== size) {
    const code = Number(sentLength) > size ? "PAYLOAD_TOO_LARGE" : "VALIDATION_ERROR";
    throw new AppError(code, `This URL accepts exactly ${size} bytes (Content-Length was ${sentLength})`);
  }
  return { storage: s, key, size, contentType };
}

/** The answer to a second PUT on one upload URL, from the storage route and lib/uploads alike. */
export function alreadyUploaded(): AppError {
  return new AppError(
    "CONFLICT",
    "This upload URL has already been used: the file stored with it cannot be replaced. Request a new upload URL (POST /v1/uploads) to send another file.",
  );
}

/**
 * Streams the body of an admitted PUT to disk, exactly once per key: a PUT to a key that already holds a
 * file — or that loses a race with a concurrent PUT — is a 409 and leaves the stored bytes as they were.
 */
export async function storeSignedPut(request: Request, put: AdmittedPut) {
  if (!request.body) throw new AppError("VALIDATION_ERROR", "The request has no body");
  if (await put.storage.stat(put.key)) throw alreadyUploaded();
  try {
    return await put.storage.write(put.key, request.body, put.size, put.contentType);
  } catch (error) {
    if (error instanceof ObjectExistsError) throw alreadyUploaded();
    if (error instanceof WrongSizeError) {
      if (error.received > error.expected) throw new AppError("PAYLOAD_TOO_LARGE", `This URL accepts exactly ${put.size} bytes`);
      throw new AppError("VALIDATION_ERROR", `This URL accepts exactly ${put.size} bytes (received ${error.received})`);
    }
    throw error;
  }
}

export async function serveSignedGet(key: string, query: URLSearchParams): Promise<Response> {
  const s = localStorageOrNotFound();
  checkSignature(s, { method: "GET", key, expires: Number(query.get("expires")) }, query.get("signature"));
  const object = await s.stat(key);
  if (!object) throw new AppError("NOT_FOUND", "File not found");
  return new Response(new Uint8Array(await s.read(key)), {
    headers: {
      "content-type": object.contentType ?? "application/octet-stream",
      "content-length": String(object.size),
      "cache-control": "private, no-store",
    },
  });
}
