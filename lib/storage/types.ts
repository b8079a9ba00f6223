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

export interface Storage {
  readonly driver: "local" | "s3";
  /** A URL that accepts exactly one PUT of `size` bytes of `contentType` until `expiresAt`. */
  signUpload(input: { key: string; contentType: string; size: number; expiresAt: Date }): Promise<SignedUpload>;
  /** A URL to GET the object until `expiresAt`. */
  signDownload(key: string, expiresAt: Date): Promise<string>;
  stat(key: string): Promise<StoredObject | null>;
  read(key: string): Promise<Buffer>;
  /** Health check for /ready. */
  ping(): Promise<void>;
}
