/**
 * The contract between the admin's settings pages for API keys, the audit log and the organisation
 * (/settings/api-keys, /settings/audit, /settings/organization) and their endpoints
 * (`/api/portal/settings/{api-keys,audit,organization}`): camelCase like the rest of the portal, ISO dates.
 * Pure zod, so client components import the types without reaching the server's modules.
 */
import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "../http/route-meta";

const text = (max: number) => z.string().trim().min(1).max(max);

// --- API keys ---

/** What each scope allows, in the words the create form shows next to its checkbox (admin ⊃ write ⊃ read). */
export const API_KEY_SCOPES = {
  read: "Read submissions, their jobs, results and FHIR bundles, and agent runs.",
  write: "Submit lab values, upload files, start agent analyses and mint member tokens; includes read.",
  admin: "Manage webhook endpoints, deliveries, the agent-run signing secret and coach profiles; includes write and read.",
} as const;
export type ApiKeyScopeName = keyof typeof API_KEY_SCOPES;
const SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as [ApiKeyScopeName, ...ApiKeyScopeName[]];

export const apiKeyIdParams = z.object({ key_id: z.uuid() });

export const createApiKeyBody = z.object({
  name: text(100),
  scopes: z
    .array(z.enum(SCOPE_NAMES))
    .min(1, "Choose at least one scope")
    .refine((scopes) => new Set(scopes).size === scopes.length, "Each scope once"),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export interface PortalApiKey {
  id: string;
  name: string;
  /** `lw_xxxxxxxx`: how the key is recognised in lists, logs and the audit trail. */
  prefix: string;
  scopes: ApiKeyScopeName[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key just created: the only answer that carries the secret. */
export interface PortalCreatedApiKey extends PortalApiKey {
  key: string;
}

// --- Audit log ---

/** Who can act, as the trail records them (lib/audit `actorOf`). */
export const ACTOR_TYPES = {
  portal_user: "Portal user",
  api_key: "API key",
  member: "Member",
  operator_cli: "Operator (command line)",
} as const;
export type ActorType = keyof typeof ACTOR_TYPES;

/** A calendar day as the page sends it: the instant the viewer's day starts or ends. */
const instant = z.iso.datetime({ offset: true });

export const auditFilterFields = {
  /** Narrows `actor`: whose e-mail, prefix or id it is. */
  actorType: z.enum(Object.keys(ACTOR_TYPES) as [ActorType, ...ActorType[]]).optional(),
  /** A portal user's e-mail (or part of it), an API key's prefix (`lw_…`), a member id or an operator's name. */
  actor: text(320).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  resourceType: z.string().regex(/^[a-z][a-z_]{0,63}$/, "A resource type such as lab_result").optional(),
  /** e.g. a lab result's id: who read this patient's result. */
  resourceId: text(200).optional(),
  /** At or after this instant. */
  from: instant.optional(),
  /** Before this instant. */
  to: instant.optional(),
};

export const auditListQuery = z.object({
  ...auditFilterFields,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = z.object(auditFilterFields);
export type AuditFilter = z.infer<typeof auditExportQuery>;

/** The most rows one CSV export holds, newest first; narrower filters reach older rows. */
export const AUDIT_EXPORT_CAP = 50_000;

export interface PortalAuditEvent {
  id: string;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  /** The actor as a person reads it: an e-mail, "key name (lw_…)", "member <id>", "operator <name>". */
  actorLabel: string;
  action: AuditAction | string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  detail: unknown;
}

export interface PortalAuditPage {
  data: PortalAuditEvent[];
  nextCursor: string | null;
}

/** Resource types people look for, in words; others are shown as recorded. */
export const RESOURCE_TYPE_LABELS: Record<string, string> = {
  lab_result: "Lab result",
  member: "Patient (member)",
  api_key: "API key",
  audit_event: "Audit log",
  organization: "Organisation",
  upload: "Upload",
  job: "Job",
  chat_session: "Chat session",
  chat_message: "Chat message",
  coach_profile: "Coach profile",
  webhook_endpoint: "Webhook endpoint",
  webhook_delivery: "Webhook delivery",
  webhook_secret: "Agent-run signing secret",
  portal_user: "Portal user",
};

// --- Organisation ---

export const updateOrganizationBody = z.object({ name: text(200) });
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBody>;

/** One UTC day of the month's usage. */
export interface UsageDay {
  /** `YYYY-MM-DD`, a UTC day. */
  date: string;
  labsProcessed: number;
  agentRuns: number;
  webhooksDelivered: number;
}

export interface PortalUsage {
  /** `YYYY-MM`, the UTC month counted so far. */
  month: string;
  totals: Omit<UsageDay, "date">;
  /** Every day of the month up to today (UTC), zeros included. */
  days: UsageDay[];
}

export interface PortalOrganization {
  id: string;
  name: string;
  concurrentRunLimit: number;
  usage: PortalUsage;
}
