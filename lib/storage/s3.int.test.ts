/**
 * The S3 driver against a real S3-compatible server (s3rver, from npm) over loopback: the AWS SDK signs
 * and sends real requests, and the server checks the signatures.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "./s3";

let server: S3rver;
let directory: string;
let storage: S3Storage;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "labwise-s3-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: "labs", configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  storage = new S3Storage(client, "labs");
});

afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

describe("S3Storage", () => {
  it("uploads through a pre-signed PUT, then stats, reads and downloads the object", async () => {
    const body = "Test,Result\nGlucose,99\n";
    const signed = await storage.signUpload({
      key: "org/upload-1",
      contentType: "text/csv",
      size: Buffer.byteLength(body),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const put = await fetch(signed.url, { method: "PUT", headers: signed.headers, body });
    expect(put.status).toBe(200);

    expect(await storage.stat("org/upload-1")).toEqual({ size: Buffer.byteLength(body), contentType: "text/csv" });
    expect((await storage.read("org/upload-1")).toString()).toBe(body);
    const download = await fetch(await storage.signDownload("org/upload-1", new Date(Date.now() + 60_000)));
    expect(await download.text()).toBe(body);
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it("signs If-None-Match: * into the upload URL and tells the client to send it, so S3 refuses a second PUT", async () => {
    // s3rver ignores If-None-Match on PUT (S3 answers 412 Precondition Failed): what can be checked here is
    // that the header is part of the signature, so a client cannot drop it, and is among the headers to send.
    const signed = await storage.signUpload({ key: "org/upload-once", contentType: "text/csv", size: 3, expiresAt: new Date(Date.now() + 60_000) });
    expect(signed.headers).toMatchObject({ "If-None-Match": "*" });
    expect(new URL(signed.url).searchParams.get("X-Amz-SignedHeaders")!.split(";")).toEqual(
      expect.arrayContaining(["content-type", "content-length", "if-none-match"]),
    );
  });

  it("measures a stored object's size and SHA-256 by streaming it", async () => {
    const body = "Test,Result\nSodium,140\n";
    const signed = await storage.signUpload({ key: "org/digest", contentType: "text/csv", size: Buffer.byteLength(body), expiresAt: new Date(Date.now() + 60_000) });
    expect((await fetch(signed.url, { method: "PUT", headers: signed.headers, body })).status).toBe(200);
    expect(await storage.digest("org/digest")).toEqual({ size: Buffer.byteLength(body), sha256: createHash("sha256").update(body).digest("hex") });
  });

  it("reports a missing object as null", async () => {
    expect(await storage.stat("org/never-uploaded")).toBeNull();
  });

  it("signs with the configured credentials: a URL signed by an unknown access key is refused", async () => {
    // s3rver checks the access key of V4 pre-signed URLs but not the signature itself; signature and expiry
    // enforcement is S3's own, and the local driver's equivalent is tested in tests/api/uploads.test.ts.
    const stranger = new S3Storage(
      new S3Client({
        region: "us-east-1",
        endpoint: endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: "UNKNOWN", secretAccessKey: "UNKNOWN" },
      }),
      "labs",
    );
    const signed = await stranger.signUpload({ key: "org/upload-2", contentType: "text/csv", size: 3, expiresAt: new Date(Date.now() + 60_000) });
    const res = await fetch(signed.url, { method: "PUT", headers: signed.headers, body: "a,b" });
    expect(res.status).toBe(403);
    expect(await storage.stat("org/upload-2")).toBeNull();
  });
});
