/**
 * S3 storage (AWS or any S3-compatible store): uploads and downloads go straight to the bucket through
 * pre-signed URLs. Content type and length are signed into the PUT, so S3 itself refuses other bodies, and
 * so is `If-None-Match: *` (S3 conditional writes), so S3 refuses a PUT once the object exists: a URL
 * uploads one file and can never replace it.
 */
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { digestOf } from "./digest";
import type { ObjectDigest, SignedUpload, Storage, StoredObject } from "./types";

export class S3Storage implements Storage {
  readonly driver = "s3";

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  private secondsUntil(date: Date): number {
    return Math.max(1, Math.floor((date.getTime() - Date.now()) / 1000));
  }

  async signUpload(input: { key: string; contentType: string; size: number; expiresAt: Date }): Promise<SignedUpload> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      IfNoneMatch: "*",
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: this.secondsUntil(input.expiresAt),
      signableHeaders: new Set(["content-type", "content-length", "if-none-match"]),
    });
    return {
      url,
      method: "PUT",
      headers: { "Content-Type": input.contentType, "Content-Length": String(input.size), "If-None-Match": "*" },
      expiresAt: input.expiresAt,
    };
  }

  signDownload(key: string, expiresAt: Date): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: this.secondsUntil(expiresAt),
    });
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (error as Error).name === "NotFound") return null;
      throw error;
    }
  }

  async digest(key: string): Promise<ObjectDigest> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return digestOf(object.Body as AsyncIterable<Uint8Array>);
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}
