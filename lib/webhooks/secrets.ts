/**
 * Signing secrets: an endpoint's own, or the organisation's default for deliveries to an ad-hoc URL
 * (./organization-secret.ts), and their rotation with a grace period during which both are signed with
 * (./signing.ts), so a partner can roll the secret on their side without dropping a webhook. Secrets are
 * stored sealed (./sealed-secrets.ts) and handed out opened.
 */
import { isSealed } from "../crypto/secret-box";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from "./constants";
import { readOrganizationSecret, replaceOrganizationSecret } from "./organization-secret";
import { openSecretSet, sealOptionalSecret, sealSecret } from "./sealed-secrets";
import { generateSecret, type SecretSet } from "./signing";

export { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from "./constants";

/** The opened secret set and the current secret exactly as stored, for rotation's compare-and-swap. */
async function readSecret(input: { organizationId: string; endpointId?: string | null }): Promise<{ set: SecretSet; stored: string }> {
  if (!input.endpointId) return readOrganizationSecret(input.organizationId);
  const where = { id: input.endpointId, organizationId: input.organizationId, deletedAt: null };
  for (let pass = 0; pass < 3; pass++) {
    const endpoint = await db.webhookEndpoint.findFirst({ where });
    if (!endpoint) throw notFound("Webhook endpoint");
    const set = openSecretSet(endpoint);
    if (isSealed(endpoint.secret) && (!endpoint.previousSecret || isSealed(endpoint.previousSecret))) return { set, stored: endpoint.secret };
    // Written before secrets were sealed: seal it in place unless a concurrent write changed it.
    await db.webhookEndpoint.updateMany({
      where: { ...where, secret: endpoint.secret },
      data: { secret: sealSecret(set.secret), previousSecret: sealOptionalSecret(set.previousSecret) },
    });
  }
  throw new AppError("CONFLICT", "the webhook secret changed while it was being read; try again");
}

/** The secret set of an endpoint, or of the organisation when no endpoint is named; 404 for another tenant's. */
export async function getSigningSecret(input: { organizationId: string; endpointId?: string | null }): Promise<SecretSet> {
  return (await readSecret(input)).set;
}

/**
 * Replaces the signing secret of an endpoint (or, without `endpointId`, the organisation's default) and keeps
 * the old one valid for `graceHours`: until then every webhook carries a signature with each, so receivers
 * verify with whichever they hold. A second rotation within the grace period retires the oldest secret.
 */
export async function rotateSecret(input: { organizationId: string; endpointId?: string | null; graceHours?: number }): Promise<SecretSet> {
  const graceHours = input.graceHours ?? DEFAULT_GRACE_HOURS;
  if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
    throw new AppError("VALIDATION_ERROR", `graceHours must be between 0 and ${MAX_GRACE_HOURS}`);
  }
  for (let pass = 0; pass < 3; pass++) {
    const { set: current, stored } = await readSecret(input);
    const next: SecretSet = {
      secret: generateSecret(),
      previousSecret: graceHours > 0 ? current.secret : null,
      previousSecretExpiresAt: graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null,
    };
    const replaced = input.endpointId
      ? (
          await db.webhookEndpoint.updateMany({
            where: { id: input.endpointId, organizationId: input.organizationId, deletedAt: null, secret: stored },
            data: {
              secret: sealSecret(next.secret),
              previousSecret: sealOptionalSecret(next.previousSecret),
              previousSecretExpiresAt: next.previousSecretExpiresAt,
            },
          })
        ).count === 1
      : await replaceOrganizationSecret(input.organizationId, stored, next);
    if (replaced) return next;
  }
  throw new AppError("CONFLICT", "the secret was rotated by someone else at the same time; try again");
}
