/**
 * Local-disk storage: objects under STORAGE_DIR, uploaded and downloaded through HMAC-signed URLs that the
 * app itself serves (`/storage/<key>`, app/storage/[...key]/route.ts).
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { sign, verify, type SignedFields } from "./signing";
import type { SignedUpload, Storage, StoredObject } from "./types";

export class LocalStorage implements Storage {
  readonly driver = "local";

  constructor(
    private readonly root: string,
    private readonly publicBaseUrl: string,
    private readonly secret: string,
  ) {}

  private url(fields: SignedFields): string {
    const url = new URL(`/storage/${fields.key}`, this.publicBaseUrl);
    url.searchParams.set("expires", String(fields.expires));
    if (fields.method === "PUT") {
      url.searchParams.set("content_type", fields.contentType ?? "");
      url.searchParams.set("size", String(fields.size ?? ""));
    }
    url.searchParams.set("signature", sign(this.secret, fields));
    return url.toString();
  }

  async signUpload(input: { key: string; contentType: string; size: number; expiresAt: Date }): Promise<SignedUpload> {
    const fields: SignedFields = {
      method: "PUT",
      key: input.key,
      expires: Math.floor(input.expiresAt.getTime() / 1000),
      contentType: input.contentType,
      size: input.size,
    };
    return {
      url: this.url(fields),
      method: "PUT",
      headers: { "Content-Type": input.contentType, "Content-Length": String(input.size) },
      expiresAt: input.expiresAt,
    };
  }

  async signDownload(key: string, expiresAt: Date): Promise<string> {
    return this.url({ method: "GET", key, expires: Math.floor(expiresAt.getTime() / 1000) });
  }

  /** Checks a presented URL's signature; the storage route calls this before touching the disk. */
  verify(fields: SignedFields, signature: string) {
    return verify(this.secret, fields, signature);
  }

  private pathOf(key: string): string {
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(path.resolve(this.root) + path.sep)) throw new Error("object key escapes storage root");
    return resolved;
  }

  /** Writes the body, failing past `maxBytes`; returns size and SHA-256. Written atomically via a temp file. */
  async write(key: string, body: ReadableStream<Uint8Array>, maxBytes: number, contentType: string) {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.part`;
    const hash = createHash("sha256");
    let size = 0;
    const out = createWriteStream(temp);
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new RangeError("body larger than declared");
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await rename(temp, target);
      await writeFile(`${target}.meta.json`, JSON.stringify({ contentType, size }));
      return { size, sha256: hash.digest("hex") };
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    const file = await stat(this.pathOf(key)).catch(() => null);
    if (!file) return null;
    const meta = await readFile(`${this.pathOf(key)}.meta.json`, "utf8").then(JSON.parse, () => ({}));
    return { size: file.size, contentType: meta.contentType };
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }
}
