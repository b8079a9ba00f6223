/**
 * Partner API keys: `lw_<8-char prefix>_<secret>`. The prefix identifies the key in lists and logs; only the
 * SHA-256 of the whole key is stored (a key has 190 bits of entropy, so a fast hash is the right one:
 * there is nothing to brute-force). The plaintext is returned once, at creation.
 */
import { createHash, randomBytes } from "node:crypto";
import { API_KEY_PATTERN } from "../config";
import { db, type ApiKeyScope } from "../db";
import { AppError } from "../http/errors";

export const ALL_SCOPES: ApiKeyScope[] = ["read", "write", "admin"];
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyPrincipal {
  kind: "apiKey";
  organizationId: string;
  apiKeyId: string;
  scopes: ApiKeyScope[];
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function newKeyMaterial(): { key: string; prefix: string } {
  const prefix = `lw_${randomBytes(6).toString("hex").slice(0, 8)}`;
  return { prefix, key: `${prefix}_${randomBytes(24).toString("base64url")}` };
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  /** The only time the secret is available. */
  key: string;
}

/**
 * Creates a key. `presetKey` lets an operator choose the demo key (SEED_API_KEY) so scripts can use it;
 * it must have the shape of a generated key.
 */
export async function createApiKey(input: {
  organizationId: string;
  name: string;
  scopes?: ApiKeyScope[];
  presetKey?: string;
}): Promise<CreatedApiKey> {
  const material = input.presetKey ? fromPreset(input.presetKey) : newKeyMaterial();
  const scopes = input.scopes?.length ? input.scopes : ALL_SCOPES;
  const row = await db.apiKey.create({
    data: {
      organizationId: input.organizationId,
      name: input.name,
      prefix: material.prefix,
      hash: hashApiKey(material.key),
      scopes,
    },
  });
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, key: material.key };
}

function fromPreset(key: string) {
  if (!API_KEY_PATTERN.test(key)) {
    throw new AppError("VALIDATION_ERROR", "An API key looks like lw_<8 lowercase letters or digits>_<32+ url-safe characters>");
  }
  return { key, prefix: key.slice(0, 11) };
}

export async function revokeApiKey(organizationId: string, keyIdOrPrefix: string): Promise<void> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(keyIdOrPrefix);
  const { count } = await db.apiKey.updateMany({
    where: { organizationId, revokedAt: null, ...(isUuid ? { id: keyIdOrPrefix } : { prefix: keyIdOrPrefix }) },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "API key not found or already revoked");
  // This process stops honouring the key's member tokens at once; other processes within KEY_STATUS_CACHE_MS.
  keyStatus.clear();
}

export async function listApiKeys(organizationId: string) {
  return db.apiKey.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, lastUsedAt: true, revokedAt: true, createdAt: true },
  });
}

const lastUsedWritten = new Map<string, number>();

/** The organisation and scopes behind a presented key; null for unknown, malformed or revoked keys. */
export async function authenticateApiKey(presented: string): Promise<ApiKeyPrincipal | null> {
  if (!API_KEY_PATTERN.test(presented)) return null;
  const row = await db.apiKey.findUnique({ where: { hash: hashApiKey(presented) } });
  if (!row || row.revokedAt) return null;
  touchLastUsed(row.id);
  return { kind: "apiKey", organizationId: row.organizationId, apiKeyId: row.id, scopes: row.scopes };
}

/**
 * How long a process trusts its last answer to "is the key behind this member token still live?". Member
 * tokens are checked against their minting key on every request; the cache keeps that off the database on
 * the read path, at the price of a revocation made by another process (the CLI, another replica) taking up
 * to this long to reach this one. A revocation through revokeApiKey() applies in its own process at once.
 */
export const KEY_STATUS_CACHE_MS = 5_000;
const KEY_STATUS_CACHE_MAX_ENTRIES = 10_000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keyStatus = new Map<string, { live: Promise<boolean>; checkedAt: number }>();

/**
 * Whether the API key `apiKeyId` of `organizationId` exists and is not revoked: what a member token needs of
 * the key that minted it. Concurrent callers share one query; a failed query is not cached.
 */
export function isApiKeyLive(organizationId: string, apiKeyId: string): Promise<boolean> {
  if (!UUID_PATTERN.test(apiKeyId)) return Promise.resolve(false);
  const cacheKey = `${organizationId}:${apiKeyId}`;
  const now = Date.now();
  const cached = keyStatus.get(cacheKey);
  if (cached && now - cached.checkedAt < KEY_STATUS_CACHE_MS) return cached.live;
  if (keyStatus.size >= KEY_STATUS_CACHE_MAX_ENTRIES) keyStatus.clear();
  const live = db.apiKey
    .findUnique({ where: { id: apiKeyId }, select: { organizationId: true, revokedAt: true } })
    .then((row) => Boolean(row && row.organizationId === organizationId && !row.revokedAt));
  live.catch(() => keyStatus.delete(cacheKey));
  keyStatus.set(cacheKey, { live, checkedAt: now });
  return live;
}

/** Records use at most once a minute per key per process, so reads stay reads. */
function touchLastUsed(apiKeyId: string): void {
  const now = Date.now();
  if (now - (lastUsedWritten.get(apiKeyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
  lastUsedWritten.set(apiKeyId, now);
  db.apiKey.update({ where: { id: apiKeyId }, data: { lastUsedAt: new Date(now) } }).catch(() => {
    lastUsedWritten.delete(apiKeyId);
  });
}
