/**
 * The local driver's side of a signed URL: checks signature, expiry, content type and size, then streams
 * the body to disk (PUT) or serves it (GET). Only reachable when STORAGE_DRIVER=local; with S3 the client
 * talks to the bucket directly.
 */
import { AppError } from "../http/errors";
import { storage } from "./index";
import { LocalStorage } from "./local";

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

export async function receiveSignedPut(request: Request, key: string, query: URLSearchParams) {
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
  if (!request.body) throw new AppError("VALIDATION_ERROR", "The request has no body");
  let written: { size: number; sha256: string };
  try {
    written = await s.write(key, request.body, size, contentType);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError("PAYLOAD_TOO_LARGE", `This URL accepts exactly ${size} bytes`);
    throw error;
  }
  if (written.size !== size) {
    throw new AppError("VALIDATION_ERROR", `This URL accepts exactly ${size} bytes (received ${written.size})`);
  }
  return written;
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
