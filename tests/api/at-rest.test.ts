/**
 * What Labwise keeps is readable by Labwise only: uploaded lab files are private to the app's user on
 * disk, and webhook signing secrets are sealed in the database, yet every delivery is still signed with
 * the secret the partner holds.
 */
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/organizations";
import { createEndpoint, dispatchPending, enqueueDelivery, getSigningSecret, rotateSecret } from "@/lib/webhooks";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { WebhookReceiver } from "../support/webhook-receiver";

const mode = async (file: string) => (await stat(file)).mode & 0o777;

async function tenant() {
  const { organization } = await createOrganization({ name: `At rest ${randomUUID().slice(0, 8)}` });
  return organization.id;
}

/** Every value of a row, as stored, in one string. */
async function rawEndpoint(id: string) {
  return JSON.stringify(await db.webhookEndpoint.findUniqueOrThrow({ where: { id } }));
}

async function rawOrganization(id: string) {
  return JSON.stringify(
    await db.organization.findUniqueOrThrow({ where: { id }, select: { webhookSecret: true, webhookPreviousSecret: true } }),
  );
}

describe("uploaded files on disk", () => {
  it("are readable by the app's user only: the file and its metadata 0600, their folders 0700", async () => {
    const { token } = await createMember((await createTenant()).apiKey);
    const { uploadId } = await uploadFile(token);
    const { storageKey } = await db.upload.findUniqueOrThrow({ where: { id: uploadId } });
    const file = path.join(process.env.STORAGE_DIR!, storageKey);
    expect(await mode(file)).toBe(0o600);
    expect(await mode(`${file}.meta.json`)).toBe(0o600);
    expect(await mode(path.dirname(file))).toBe(0o700);
    expect(await mode(process.env.STORAGE_DIR!)).toBe(0o700);
  });
});

describe("webhook signing secrets in the database", () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("are sealed when an endpoint is created and when it is rotated, and read back as issued", async () => {
    const organizationId = await tenant();
    const endpoint = await createEndpoint({ organizationId, url: `${receiver.url}/hooks/${randomUUID()}` });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(await rawEndpoint(endpoint.id)).not.toContain("whsec_");

    const rotated = await rotateSecret({ organizationId, endpointId: endpoint.id, graceHours: 1 });
    const raw = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(raw.secret).toMatch(/^enc:v1:/);
    expect(raw.previousSecret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(raw)).not.toContain("whsec_");
    expect(await getSigningSecret({ organizationId, endpointId: endpoint.id })).toMatchObject({
      secret: rotated.secret,
      previousSecret: endpoint.secret,
    });
  });

  it("are sealed for the organisation's default secret, created and rotated", async () => {
    const organizationId = await tenant();
    const first = await getSigningSecret({ organizationId });
    expect(first.secret).toMatch(/^whsec_/);
    expect(await rawOrganization(organizationId)).not.toContain("whsec_");

    const rotated = await rotateSecret({ organizationId, graceHours: 1 });
    expect(await rawOrganization(organizationId)).not.toContain("whsec_");
    expect(await getSigningSecret({ organizationId })).toMatchObject({ secret: rotated.secret, previousSecret: first.secret });
  });

  it("still read a plaintext secret stored before sealing, and seal it", async () => {
    const organizationId = await tenant();
    const legacy = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    await db.organization.update({ where: { id: organizationId }, data: { webhookSecret: legacy } });
    expect((await getSigningSecret({ organizationId })).secret).toBe(legacy);
    expect(await rawOrganization(organizationId)).not.toContain("whsec_");
    expect((await rotateSecret({ organizationId, graceHours: 1 })).previousSecret).toBe(legacy);
  });

  it("refuse a sealed value that was tampered with instead of signing with garbage", async () => {
    const organizationId = await tenant();
    const sealed = seal(`whsec_${Buffer.alloc(32, 9).toString("base64")}`, "webhook-secret");
    // Replace the second-to-last character with one it is not (the old test compared against the last one, so
    // one seal in 64 was "tampered" into itself).
    const target = sealed.at(-2);
    const flipped = sealed.slice(0, -2) + (target === "A" ? "B" : "A") + sealed.slice(-1);
    expect(flipped).not.toBe(sealed);
    await db.organization.update({ where: { id: organizationId }, data: { webhookSecret: flipped } });
    await expect(getSigningSecret({ organizationId })).rejects.toThrow();
  });

  it("still sign every delivery so the partner's copy of the secret verifies it", async () => {
    const organizationId = await tenant();
    const hookPath = `/hooks/${randomUUID()}`;
    const endpoint = await createEndpoint({ organizationId, url: `${receiver.url}${hookPath}` });
    const delivery = await db.$transaction((tx) =>
      enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: endpoint.url, eventType: "lab.completed", payload: { ok: true } }),
    );
    await dispatchPending({ ids: [delivery.id] });

    const deadline = Date.now() + 20_000;
    while (!receiver.receipts.some((r) => r.path === hookPath)) {
      if (Date.now() > deadline) throw new Error("the webhook never arrived");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const receipt = receiver.receipts.find((r) => r.path === hookPath)!;
    expect(new Webhook(endpoint.secret).verify(receipt.body, receipt.headers)).toEqual({ ok: true });
  });
});
