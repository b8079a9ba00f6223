import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEY_STATUS_CACHE_MS, revokeApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db";
import { call } from "../support/app";
import { createKey, createMember, createTenant } from "../support/fixtures";

const UPLOAD = { filename: "lab.csv", content_type: "text/csv", size: 10 };
/** Authentication comes before everything else, so a revoked token never gets as far as the file. */
const FILE_URL = "http://localhost:3000/storage/any/file";

/** A tenant, a second write key (the one to revoke), and a member whose token that key minted. */
async function memberOfDoomedKey() {
  const { organizationId } = await createTenant();
  const doomedKey = await createKey(organizationId, ["write"]);
  const member = await createMember(doomedKey);
  const keyId = (await db.apiKey.findFirstOrThrow({ where: { prefix: doomedKey.slice(0, 11) } })).id;
  return { organizationId, doomedKey, keyId, ...member };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("member tokens end with the API key that minted them", () => {
  it("a revoked key's member token answers 401 on reads and uploads", async () => {
    const { organizationId, keyId, userId, token } = await memberOfDoomedKey();
    expect((await call("GET", `/v1/users/${userId}/labs`, { token })).status).toBe(200);

    await revokeApiKey(organizationId, keyId);

    const read = await call("GET", `/v1/users/${userId}/labs`, { token });
    expect(read.status).toBe(401);
    expect(read.json).toEqual({ detail: "The API key that minted this token has been revoked" });
    expect((await call("POST", "/v1/uploads", { token, body: UPLOAD })).status).toBe(401);
    expect((await call("POST", `/v1/users/${userId}/labs/upload`, { token, body: { file_url: FILE_URL } })).status).toBe(401);
  });

  it("a revocation made by another process is honoured once the cache window has passed", async () => {
    const { keyId, userId, token } = await memberOfDoomedKey();
    expect((await call("GET", `/v1/users/${userId}/labs`, { token })).status).toBe(200);

    // As the CLI or another replica would: straight to the database, bypassing this process's cache.
    await db.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + KEY_STATUS_CACHE_MS + 1);

    expect((await call("GET", `/v1/users/${userId}/labs`, { token })).status).toBe(401);
    expect((await call("POST", "/v1/uploads", { token, body: UPLOAD })).status).toBe(401);
  });

  it("tokens minted by the organisation's other keys keep working", async () => {
    const { apiKey, organizationId } = await createTenant();
    const doomedKey = await createKey(organizationId, ["write"]);
    const survivor = await createMember(apiKey);
    await createMember(doomedKey);
    await revokeApiKey(organizationId, doomedKey.slice(0, 11));
    expect((await call("GET", `/v1/users/${survivor.userId}/labs`, { token: survivor.token })).status).toBe(200);
    expect((await call("POST", "/v1/uploads", { token: survivor.token, body: UPLOAD })).status).toBe(201);
  });

  it("a token minted before tokens named their key answers 401", async () => {
    const { organizationId, userId } = await memberOfDoomedKey();
    const memberKey = createHash("sha256").update(`labwise member token\0${process.env.AUTH_SECRET}`).digest();
    const legacy = await new SignJWT({ org: organizationId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(userId)
      .setIssuer("labwise")
      .setAudience("labwise:member")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(memberKey);
    const read = await call("GET", `/v1/users/${userId}/labs`, { token: legacy });
    expect(read.status).toBe(401);
    expect(read.json.detail).toMatch(/mint a new one/);
  });
});
