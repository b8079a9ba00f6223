/**
 * An upload URL stores one file, once, and the lab is interpreted from exactly that file: a second PUT is
 * refused, a PUT after the lab was processed is refused, and a stored file altered after registration fails
 * the lab instead of being read.
 */
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmUploaded } from "@/lib/uploads/service";
import { appFetch, call } from "../support/app";
import { createMember, createTenant, SAMPLE_CSV } from "../support/fixtures";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Mints an upload URL for `content` without sending it. */
async function mint(token: string, content = SAMPLE_CSV) {
  const res = await call("POST", "/v1/uploads", { token, body: { filename: "lab.csv", content_type: "text/csv", size: Buffer.byteLength(content) } });
  expect(res.status).toBe(201);
  const data = res.json.data as { upload_id: string; upload_url: string; headers: Record<string, string>; file_url: string };
  const { storageKey } = await db.upload.findUniqueOrThrow({ where: { id: data.upload_id } });
  return { ...data, file: path.join(process.env.STORAGE_DIR!, storageKey) };
}

function put(minted: { upload_url: string; headers: Record<string, string> }, body: string) {
  return appFetch(minted.upload_url, { method: "PUT", headers: minted.headers, body });
}

/** The same size as SAMPLE_CSV, other values: what a replacement would look like. */
const FORGED = SAMPLE_CSV.replace("Glucose,99", "Glucose,42");

async function register(member: { userId: string; token: string }, fileUrl: string) {
  const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(res.status).toBe(202);
  return res.json.data.lab_result_id as string;
}

async function settled(member: { userId: string; token: string }, labId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    if (["ready", "failed"].includes(res.json.data.status)) return res.json.data as { status: string; failure_reason: string | null };
    if (Date.now() > deadline) throw new Error(`lab ${labId} still ${res.json.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("upload integrity", () => {
  it("refuses a second PUT to the same upload URL with 409, leaving the stored file as it was", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const minted = await mint(token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);

    const again = await put(minted, FORGED);
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/already been used/);
    expect(await readFile(minted.file, "utf8")).toBe(SAMPLE_CSV);
  });

  it("stores exactly one of two concurrent PUTs to one URL", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const minted = await mint(token);
    const answers = await Promise.all([put(minted, SAMPLE_CSV), put(minted, FORGED)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0].status === 200 ? SAMPLE_CSV : FORGED;
    expect(await readFile(minted.file, "utf8")).toBe(winner);
    expect((await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } })).sha256).toBe(sha256(winner));
  });

  it("refuses a PUT after the lab was processed", async () => {
    const member = await createMember((await createTenant()).apiKey);
    const minted = await mint(member.token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);
    const labId = await register(member, minted.file_url);
    expect((await settled(member, labId)).status).toBe("ready");

    const late = await put(minted, FORGED);
    expect(late.status).toBe(409);
    expect(await readFile(minted.file, "utf8")).toBe(SAMPLE_CSV);
  });

  it("refuses a PUT once the upload was confirmed, even if its file is no longer in storage", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const minted = await mint(token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);
    await confirmUploaded(await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } }));
    await rm(minted.file);

    expect((await put(minted, FORGED)).status).toBe(409);
    await expect(readFile(minted.file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("records the stored file's SHA-256 and size when the upload is confirmed", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const minted = await mint(token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);
    await confirmUploaded(await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } }));
    const upload = await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } });
    expect(upload).toMatchObject({ state: "uploaded", sha256: sha256(SAMPLE_CSV), actualSize: Buffer.byteLength(SAMPLE_CSV) });
  });

  it("records the SHA-256 by reading the stored file when the PUT did not (S3, or files stored before hashes)", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const minted = await mint(token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);
    await db.upload.update({ where: { id: minted.upload_id }, data: { sha256: null, actualSize: null } });
    await confirmUploaded(await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } }));
    expect((await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } })).sha256).toBe(sha256(SAMPLE_CSV));
  });

  it("fails the lab, saying the stored file changed, when the file is altered after it was registered", async () => {
    const member = await createMember((await createTenant()).apiKey);
    const minted = await mint(member.token);
    expect((await put(minted, SAMPLE_CSV)).status).toBe(200);
    // Registration's first step records the fingerprint; altering the file between that and the pipeline's
    // read is what an attacker with access to the storage would do.
    await confirmUploaded(await db.upload.findUniqueOrThrow({ where: { id: minted.upload_id } }));
    await writeFile(minted.file, FORGED);

    const lab = await settled(member, await register(member, minted.file_url));
    expect(lab.status).toBe("failed");
    expect(lab.failure_reason).toMatch(/the stored file changed after it was registered/);
  });
});
