/**
 * Local-disk storage: objects under STORAGE_DIR, uploaded and downloaded through HMAC-signed URLs that the
 * app itself serves (`/storage/<key>`, app/storage/[...key]/route.ts).
 */
import { createHash, randomUUID } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { chmod, copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { digestOf } from "./digest";
import { sign, verify, type SignedFields } from "./signing";
import type { ObjectDigest, SignedUpload, Storage, StoredObject } from "./types";

/** Lab files are PHI: readable by the app's own user only (files 0600, folders 0700), whatever the umask. */
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** The body was not the exact size the URL was signed for; nothing was stored. */
export class WrongSizeError extends Error {
  constructor(
    readonly expected: number,
    /** Bytes received, or received so far when the body ran past `expected`. */
    readonly received: number,
  ) {
    super(`body has ${received > expected ? "more than" : "only"} ${received > expected ? expected : received} bytes, ${expected} were expected`);
    this.name = "WrongSizeError";
  }
}

/** The object already exists: a signed upload URL accepts one successful PUT, never a replacement. */
export class ObjectExistsError extends Error {
  constructor(key: string) {
    super(`object ${key} already exists`);
    this.name = "ObjectExistsError";
  }
}

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

  /** Creates the object's folder (and the root) private to the app's user, tightening folders made before. */
  private async ensureDirectory(directory: string): Promise<void> {
    const root = path.resolve(this.root);
    await mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
    for (let dir = directory; dir === root || dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      await chmod(dir, DIRECTORY_MODE).catch(() => undefined); // best effort: a mount point may not be ours
      if (dir === root) break;
    }
  }

  /**
   * Writes a body of exactly `expectedSize` bytes (else `WrongSizeError`, and nothing is stored); returns size
   * and SHA-256. The bytes go to a private temp file first, then are linked into place without replacing
   * anything: of two PUTs to one key exactly one wins, and the other (or any later one) gets
   * `ObjectExistsError`, so a stored file is never overwritten.
   */
  async write(key: string, body: ReadableStream<Uint8Array>, expectedSize: number, contentType: string) {
    const target = this.pathOf(key);
    await this.ensureDirectory(path.dirname(target));
    const temp = `${target}.${randomUUID()}.part`;
    const hash = createHash("sha256");
    let size = 0;
    const out = createWriteStream(temp, { flags: "wx", mode: FILE_MODE });
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > expectedSize) throw new WrongSizeError(expectedSize, size);
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (size !== expectedSize) throw new WrongSizeError(expectedSize, size);
      await placeExclusively(temp, target, key);
      await this.writePrivately(`${target}.meta.json`, JSON.stringify({ contentType, size }));
      return { size, sha256: hash.digest("hex") };
    } finally {
      out.destroy();
      await rm(temp, { force: true });
    }
  }

  /** Replaces a small side file atomically (temp + rename), created 0600. */
  private async writePrivately(file: string, text: string): Promise<void> {
    const temp = `${file}.${randomUUID()}.part`;
    try {
      await writeFile(temp, text, { flag: "wx", mode: FILE_MODE });
      await rename(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    const file = await stat(this.pathOf(key)).catch(() => null);
    if (!file) return null;
    const meta = await readFile(`${this.pathOf(key)}.meta.json`, "utf8").then(JSON.parse, () => ({}));
    return { size: file.size, contentType: meta.contentType };
  }

  digest(key: string): Promise<ObjectDigest> {
    return digestOf(createReadStream(this.pathOf(key)));
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: DIRECTORY_MODE });
  }
}

/**
 * Moves a finished temp file to `target` only if nothing is there: link(2) fails with EEXIST instead of
 * replacing, atomically. Where hard links are not supported, an exclusive copy does the same check.
 */
async function placeExclusively(temp: string, target: string, key: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new ObjectExistsError(key);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    await copyFile(temp, target, constants.COPYFILE_EXCL).catch((copyError: NodeJS.ErrnoException) => {
      throw copyError.code === "EEXIST" ? new ObjectExistsError(key) : copyError;
    });
    await chmod(target, FILE_MODE);
  }
}
