/**
 * Who may read a submission (DESIGN §4, seed 002 "Tenant scope"): the submission's organisation, and — when
 * the submission named an API key in `metadata.partnerId` — only that key. Another organisation's id is
 * answered 404 (the caller's query never finds it); another key of the same organisation gets 403.
 */
import { AppError } from "../http/errors";

/** The credential reading: an API key principal (`ApiKeyPrincipal` satisfies it). */
export interface SubmissionReader {
  organizationId: string;
  apiKeyId: string;
}

export function assertPartnerAccess(reader: SubmissionReader, lab: { partnerApiKeyId: string | null }): void {
  if (lab.partnerApiKeyId !== null && lab.partnerApiKeyId !== reader.apiKeyId) {
    throw new AppError("FORBIDDEN", "This submission is restricted to another API key of your organisation (metadata.partnerId)");
  }
}

/** Prisma `where` fragment: the submissions a reader may list (its own restricted ones and the unrestricted). */
export function visibleTo(reader: SubmissionReader) {
  return { OR: [{ partnerApiKeyId: null }, { partnerApiKeyId: reader.apiKeyId }] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is answered like an unknown one (404), not 400: ids are opaque to partners. */
export const isUuid = (id: string) => UUID.test(id);
