/** Where uploaded lab files live. Local disk by default; S3 (or any S3-compatible store) when configured. */
export interface SignedUpload {
  url: string;
  method: "PUT";
  /** Headers the client must send with the PUT, exactly: they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface StoredObject {
  size: number;
  contentType?: string;
}

/** What an object's bytes are, measured by reading them. */
export interface ObjectDigest {
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
}

export interface Storage {
  readonly driver: "local" | "s3";
  /**
   * A URL that accepts exactly one PUT of `size` bytes of `contentType` until `expiresAt`: once the object
   * exists, further PUTs are refused, so a stored file cannot be replaced through its URL.
   */
  signUpload(input: { key: string; contentType: string; size: number; expiresAt: Date }): Promise<SignedUpload>;
  /** A URL to GET the object until `expiresAt`. */
  signDownload(key: string, expiresAt: Date): Promise<string>;
  stat(key: string): Promise<StoredObject | null>;
  read(key: string): Promise<Buffer>;
  /** Size and SHA-256 of the stored bytes, streamed (never the whole file in memory). */
  digest(key: string): Promise<ObjectDigest>;
  /** Health check for /ready. */
  ping(): Promise<void>;
}
