/**
 * The organisation's default signing secret: what signs deliveries to an ad-hoc `webhookUrl` (a Lab Results
 * Agent run names one per request and has no WebhookEndpoint). It lives on the Organization row — the
 * "webhook settings" of DESIGN §4 — so partners can read and rotate it like an endpoint's secret, and it
 * rotates with the same grace period. Created on first use, so existing organisations need no backfill.
 *
 * NEEDS MIGRATION: every `webhookSecret`, `webhookPreviousSecret` and `webhookPreviousSecretExpiresAt` below
 * is a column proposed for `Organization` (webhook_secret, webhook_previous_secret,
 * webhook_previous_secret_expires_at); this file does not compile until the schema has them.
 */
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { generateSecret, type SecretSet } from "./signing";

const SELECT = { webhookSecret: true, webhookPreviousSecret: true, webhookPreviousSecretExpiresAt: true } as const; // NEEDS MIGRATION

export async function getOrganizationSecret(organizationId: string): Promise<SecretSet> {
  for (let pass = 0; pass < 2; pass++) {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: SELECT });
    if (!organization) throw notFound("Organization");
    if (organization.webhookSecret) {
      return {
        secret: organization.webhookSecret,
        previousSecret: organization.webhookPreviousSecret,
        previousSecretExpiresAt: organization.webhookPreviousSecretExpiresAt,
      };
    }
    // First use: create it unless a concurrent caller just did (then the next pass reads theirs).
    await db.organization.updateMany({ where: { id: organizationId, webhookSecret: null }, data: { webhookSecret: generateSecret() } }); // NEEDS MIGRATION
  }
  throw new AppError("INTERNAL_ERROR", "could not create the organisation's webhook signing secret");
}

/** Swaps in a new secret if the current one is still `current` (optimistic, so concurrent rotations do not lose one). */
export async function replaceOrganizationSecret(organizationId: string, current: string, next: SecretSet): Promise<boolean> {
  const { count } = await db.organization.updateMany({
    where: { id: organizationId, webhookSecret: current }, // NEEDS MIGRATION
    data: {
      webhookSecret: next.secret, // NEEDS MIGRATION
      webhookPreviousSecret: next.previousSecret ?? null, // NEEDS MIGRATION
      webhookPreviousSecretExpiresAt: next.previousSecretExpiresAt ?? null, // NEEDS MIGRATION
    },
  });
  return count === 1;
}
