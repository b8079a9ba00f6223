import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { activeSecrets, generateSecret, signatureHeaders } from "./signing";

const body = JSON.stringify({ runId: "550e8400-e29b-41d4-a716-446655440000", status: "completed", sequenceNumber: 8 });
const id = "6f1c1a52-31a4-4d55-9f6e-0d6b7f1c2a10";

describe("generateSecret", () => {
  it("makes whsec_ secrets of 32 random bytes, different every time", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });
});

describe("signatureHeaders", () => {
  it("produces headers the standardwebhooks verifier accepts", () => {
    const secret = generateSecret();
    const headers = signatureHeaders({ id, body, secrets: [secret] });
    expect(headers["webhook-id"]).toBe(id);
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("fails verification for a tampered body, a tampered signature, another id or another secret", () => {
    const secret = generateSecret();
    const headers = { ...signatureHeaders({ id, body, secrets: [secret] }) };
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace("8", "9"), headers)).toThrow(WebhookVerificationError);
    const signature = headers["webhook-signature"];
    const flipped = `${signature.slice(0, -3)}${signature.at(-3) === "A" ? "B" : "A"}${signature.slice(-2)}`;
    expect(() => verifier.verify(body, { ...headers, "webhook-signature": flipped })).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, "webhook-id": "another" })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it("signs the attempt's own timestamp, so a replay of an old request is rejected", () => {
    const secret = generateSecret();
    const headers = { ...signatureHeaders({ id, body, secrets: [secret], timestamp: new Date(Date.now() - 10 * 60_000) }) };
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(/too old/);
  });
});

describe("secret rotation", () => {
  const previousSecret = generateSecret();
  const secret = generateSecret();
  const now = new Date("2026-01-01T12:00:00Z");

  it("signs with both secrets during the grace period, so either verifies", () => {
    const secrets = activeSecrets({ secret, previousSecret, previousSecretExpiresAt: new Date(now.getTime() + 3_600_000) }, now);
    expect(secrets).toEqual([secret, previousSecret]);
    const headers = { ...signatureHeaders({ id, body, secrets }) };
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(secret).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previousSecret).verify(body, headers)).toBeTruthy();
  });

  it("signs with the new secret only once the grace period is over", () => {
    const secrets = activeSecrets({ secret, previousSecret, previousSecretExpiresAt: new Date(now.getTime() - 1) }, now);
    expect(secrets).toEqual([secret]);
    const headers = { ...signatureHeaders({ id, body, secrets }) };
    expect(new Webhook(secret).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(previousSecret).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it("ignores a previous secret without an expiry", () => {
    expect(activeSecrets({ secret, previousSecret, previousSecretExpiresAt: null }, now)).toEqual([secret]);
  });
});
