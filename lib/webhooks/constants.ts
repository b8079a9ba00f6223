/**
 * Plain values of webhook management that the portal's pages need as well as the server — no database, no
 * crypto — so a client component can import them through lib/portal without reaching the server's modules.
 */

/** The longest grace period of a secret rotation, in hours (30 days). */
export const MAX_GRACE_HOURS = 24 * 30;
/** How long a rotated-out secret keeps signing alongside the new one unless the caller says otherwise. */
export const DEFAULT_GRACE_HOURS = 24;

/** A delivery's statuses in the order a delivery goes through them (./delivery.ts). */
export const DELIVERY_STATUSES = ["pending", "delivering", "succeeded", "failed", "dead_letter"] as const;
