/** SHA-256 of stored bytes, the fingerprint an upload is held to from confirmation to processing. */
import { createHash } from "node:crypto";
import type { ObjectDigest } from "./types";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Size and SHA-256 of a stream of bytes, read chunk by chunk. */
export async function digestOf(body: AsyncIterable<Uint8Array>): Promise<ObjectDigest> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest("hex") };
}
