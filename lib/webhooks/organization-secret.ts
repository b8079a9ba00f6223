/**
 * The organisation's default signing secret: what signs deliveries to an ad-hoc `webhookUrl` (a Lab Results
 * Agent run names one per request and has no WebhookEndpoint). It lives on the Organization row — the
 * "webhook settings" of DESIGN §4 — so partners can read and rotate it like an endpoint's secret, and it
 * rotates with the same grace period. Created on first use, so existing organisations need no backfill.
 * Stored sealed (./sealed-secrets.ts); a plaintext value from before sealing is sealed when first read.
 */
import { isSealed } from "../crypto/secret-box";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { openSecret, sealOptionalSecret, sealSecret } from "./sealed-secrets";
import { generateSecret, type SecretSet } from "./signing";

const SELECT = { webhookSecret: true, webhookPreviousSecret: true, webhookPreviousSecretExpiresAt: true } as const;

/**
 * The organisation's secret set, opened, and its current secret exactly as stored: rotation swaps only if
 * the stored value is still that one (sealing is randomised, so the plaintext cannot be compared).
 */
export async function readOrganizationSecret(organizationId: string): Promise<{ set: SecretSet; stored: string }> {
  for (let pass = 0; pass < 3; pass++) {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: SELECT });
    if (!organization) throw notFound("Organization");
    const stored = organization.webhookSecret;
    if (stored && isSealed(stored) && (!organization.webhookPreviousSecret || isSealed(organization.webhookPreviousSecret))) {
      return {
        stored,
        set: {
          secret: openSecret(stored),
          previousSecret: organization.webhookPreviousSecret ? openSecret(organization.webhookPreviousSecret) : null,
          previousSecretExpiresAt: organization.webhookPreviousSecretExpiresAt,
        },
      };
    }
    if (stored) {
      // Written before secrets were sealed: seal it in place unless a concurrent write changed it.
      await db.organization.updateMany({
        where: { id: organizationId, webhookSecret: stored },
        data: {
          webhookSecret: sealSecret(openSecret(stored)),
          webhookPreviousSecret: sealOptionalSecret(organization.webhookPreviousSecret && openSecret(organization.webhookPreviousSecret)),
        },
      });
      continue;
    }
    // First use: create it unless a concurrent caller just did (then the next pass reads theirs).
    await db.organization.updateMany({ where: { id: organizationId, webhookSecret: null }, data: { webhookSecret: sealSecret(generateSecret()) } });
  }
  throw new AppError("INTERNAL_ERROR", "could not create the organisation's webhook signing secret");
}

export async function getOrganizationSecret(organizationId: string): Promise<SecretSet> {
  return (await readOrganizationSecret(organizationId)).set;
}

/**
 * Swaps in a new secret if the stored one is still `currentStored` (optimistic, so concurrent rotations do
 * not lose one). `next` is plaintext; it is sealed here.
 */
export async function replaceOrganizationSecret(organizationId: string, currentStored: string, next: SecretSet): Promise<boolean> {
  const { count } = await db.organization.updateMany({
    where: { id: organizationId, webhookSecret: currentStored },
    data: {
      webhookSecret: sealSecret(next.secret),
      webhookPreviousSecret: sealOptionalSecret(next.previousSecret),
      webhookPreviousSecretExpiresAt: next.previousSecretExpiresAt ?? null,
    },
  });
  return count === 1;
}
