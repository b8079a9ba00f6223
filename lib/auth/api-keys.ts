/**
 * Partner API keys: `lw_<8-char prefix>_<secret>`. The prefix identifies the key in lists and logs; only the
 * SHA-256 of the whole key is stored (a key has 190 bits of entropy, so a fast hash is the right one:
 * there is nothing to brute-force). The plaintext is returned once, at creation.
 */
import { createHash, randomBytes } from "node:crypto";
import { db, type ApiKeyScope } from "../db";
import { AppError } from "../http/errors";

export const ALL_SCOPES: ApiKeyScope[] = ["read", "write", "admin"];
const KEY_PATTERN = /^lw_[a-z0-9]{8}_[A-Za-z0-9_-]{32,64}$/;
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
  if (!KEY_PATTERN.test(key)) {
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
  if (!KEY_PATTERN.test(presented)) return null;
  const row = await db.apiKey.findUnique({ where: { hash: hashApiKey(presented) } });
  if (!row || row.revokedAt) return null;
  touchLastUsed(row.id);
  return { kind: "apiKey", organizationId: row.organizationId, apiKeyId: row.id, scopes: row.scopes };
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
