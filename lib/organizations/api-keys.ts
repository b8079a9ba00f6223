/**
 * An organisation's API keys as its admins manage them in the portal (/settings/api-keys), on the key services
 * of ../auth/api-keys.ts: listed live first, created with the secret shown once, revoked by id with the name
 * and prefix it had, so the audit row and the confirmation can say which key it was.
 */
import { createApiKey, listApiKeys, revokeApiKey } from "../auth/api-keys";
import { db } from "../db";
import { AppError } from "../http/errors";
import type { CreateApiKeyBody, PortalApiKey, PortalCreatedApiKey } from "./settings-schemas";

type KeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
const KEY_FIELDS = { id: true, name: true, prefix: true, scopes: true, lastUsedAt: true, revokedAt: true, createdAt: true } as const;

export function serializeApiKey(row: KeyRow): PortalApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Live keys first (newest first), then revoked ones (most recently revoked first): the ones in use lead. */
export function liveFirst<T extends { createdAt: string; revokedAt: string | null }>(keys: T[]): T[] {
  const newest = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  return [...keys].sort((a, b) => {
    if (!a.revokedAt !== !b.revokedAt) return a.revokedAt ? 1 : -1;
    return a.revokedAt && b.revokedAt ? newest(a.revokedAt, b.revokedAt) : newest(a.createdAt, b.createdAt);
  });
}

export async function listOrganizationApiKeys(organizationId: string): Promise<PortalApiKey[]> {
  return liveFirst((await listApiKeys(organizationId)).map(serializeApiKey));
}

export async function createOrganizationApiKey(organizationId: string, input: CreateApiKeyBody): Promise<PortalCreatedApiKey> {
  const created = await createApiKey({ organizationId, name: input.name, scopes: input.scopes });
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: KEY_FIELDS });
  return { ...serializeApiKey(row), key: created.key };
}

/**
 * Revokes one key of the organisation: another organisation's id is a 404, an already revoked key a 409.
 * The API refuses the key at once (its credential is looked up on every request), and this process stops
 * honouring the member tokens it minted at once too (revokeApiKey clears the key-status cache).
 */
export async function revokeOrganizationApiKey(organizationId: string, keyId: string): Promise<PortalApiKey> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true, revokedAt: true } });
  if (!key) throw new AppError("NOT_FOUND", "API key not found");
  if (key.revokedAt) throw new AppError("CONFLICT", "This API key is already revoked");
  await revokeApiKey(organizationId, key.id);
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: KEY_FIELDS });
  return serializeApiKey(row);
}
