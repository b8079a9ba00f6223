/**
 * The security matrix's tables (tests/api/security-matrix.test.ts): the data a caller needs — two tenants,
 * each with keys of every scope, a revoked key, two members, portal users of both roles and one of every
 * resource a path can name — and, keyed by route pattern, how to fill a pattern's path parameters with the
 * caller's own resources or another tenant's. The matrix enumerates the routes from the file system; a route
 * whose pattern has no row here (and no exemption) fails the matrix, so a new route cannot be forgotten.
 */
import { randomUUID } from "node:crypto";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db";
import type { RouteMeta } from "@/lib/http/route-meta";
import { isDocumented, routeMetaOf } from "@/lib/http/route-meta";
import type { Method } from "@/lib/http/route-paths";
import { enqueueDelivery } from "@/lib/webhooks";
import { call, loadRoutes } from "./app";
import { createMember, createPortalUser, createTenant, registerLab, uploadFile } from "./fixtures";
import { submissionBody, submit } from "./submissions";

/**
 * Route patterns the matrix leaves out, each with why. Everything else that `loadRoutes()` finds must have a
 * row in PATH_PARAMS. (`/api/inngest` and `/api/auth/[...nextauth]` are not even loaded: lib/http/route-files.ts
 * OUTSIDE_THE_API says why.)
 */
export const EXEMPT: Record<string, string> = {
  "/health": "Liveness (DESIGN §5.1): public by design, carries no tenant data.",
  "/ready": "Readiness (DESIGN §5.1): public by design, says only whether the dependencies answer.",
  "/openapi.json": "The public API document (DESIGN §5.1): no key by design.",
  "/openapi.yaml": "The public API document (DESIGN §5.1): no key by design.",
  "/storage/[...key]": "Pre-signed upload/download URLs: the HMAC signature in the query is the credential (tests/api/upload-integrity.test.ts covers tampered and expired signatures).",
  "/v1/[...path]": "The /v1 catch-all answering 404 for paths no route serves (tests/api/unknown-routes.test.ts); it has no resource to protect.",
  "/api/inngest": "Not loaded by the test router: the Inngest serve endpoint, signed by the executor (tests/api/inngest-endpoint.test.ts).",
  "/api/auth/[...nextauth]": "Not loaded by the test router: Auth.js's sign-in plumbing (tests/api/auth-sign-in.test.ts, tests/e2e).",
};

export type MemberResources = Pick<TenantWorld, "labId" | "workflowId" | "uploadId" | "fileUrl" | "chatSessionId">;

export interface TenantWorld {
  organizationId: string;
  adminKey: string;
  writeKey: string;
  readKey: string;
  /** A key revoked after minting `revokedToken`. */
  revokedKey: string;
  revokedToken: string;
  member: { userId: string; token: string };
  otherMember: { userId: string; token: string };
  adminCookie: string;
  clinicianCookie: string;
  /** The session of a user deactivated after signing in: the portal's "revoked credential". */
  deactivatedCookie: string;
  /** A clinician an admin may act on (role change, deactivate, resend invite). */
  targetUserId: string;
  /** A live key the admin may revoke. */
  spareKeyId: string;
  /** `member`'s own lab, its workflow, an upload and a chat session. */
  labId: string;
  workflowId: string;
  uploadId: string;
  /** The upload's `file_url`, what a lab registration names. */
  fileUrl: string;
  chatSessionId: string;
  /** The same kinds of resources, `otherMember`'s: a member's own path naming them must not find them. */
  ofOtherMember: MemberResources;
  submissionId: string;
  jobId: string;
  runId: string;
  profileId: string;
  endpointId: string;
  /** Endpoints only a DELETE names, one per surface. */
  deletableEndpointIds: [string, string];
  deliveryId: string;
}

export interface World {
  mine: TenantWorld;
  theirs: TenantWorld;
  /** Where webhooks and agent runs are sent (a loopback receiver the tests allowlist). */
  hookUrl: string;
}

const writeHeaders = () => ({ "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": `idem-${randomUUID()}` });

async function ok<T>(what: string, res: { status: number; text: string; json: T }, expected: number[]) {
  if (!expected.includes(res.status)) throw new Error(`${what} answered ${res.status}: ${res.text}`);
  return res.json;
}

/** The request example a route's declaration documents (checked against its schema by route-coverage). */
async function exampleOf(method: Method, pattern: string): Promise<unknown> {
  const entry = (await loadRoutes()).find((r) => r.pattern === pattern);
  const meta = routeMetaOf(entry?.module[method]);
  if (!meta || !isDocumented(meta.openapi)) throw new Error(`${method} ${pattern} has no documented example`);
  return meta.openapi.requestExample;
}

async function memberResources(member: { userId: string; token: string }): Promise<MemberResources> {
  const lab = await registerLab(member.userId, member.token);
  const { uploadId, fileUrl } = await uploadFile(member.token);
  const chat = (await ok("open chat", await call("POST", `/v1/users/${member.userId}/chat/sessions`, { token: member.token }), [201])) as { data: { session_id?: string; id?: string } };
  if (!lab.workflow_id) throw new Error("the lab's workflow did not start: the jobs route would have no id to name");
  return { labId: lab.lab_result_id, workflowId: lab.workflow_id, uploadId, fileUrl, chatSessionId: chat.data.session_id ?? chat.data.id! };
}

export async function buildTenant(hookUrl: string): Promise<TenantWorld> {
  const { organizationId, apiKey: adminKey } = await createTenant();
  const [writeKey, readKey, revoked, spare] = await Promise.all([
    createApiKey({ organizationId, name: "write", scopes: ["write"] }),
    createApiKey({ organizationId, name: "read", scopes: ["read"] }),
    createApiKey({ organizationId, name: "revoked", scopes: ["read", "write", "admin"] }),
    createApiKey({ organizationId, name: "spare", scopes: ["read"] }),
  ]);
  const [member, otherMember, revokedMember] = await Promise.all([createMember(adminKey), createMember(adminKey), createMember(revoked.key)]);
  const [admin, clinician, deactivated, target] = await Promise.all([
    createPortalUser(organizationId, "admin"),
    createPortalUser(organizationId, "clinician"),
    createPortalUser(organizationId, "admin"),
    createPortalUser(organizationId, "clinician"),
  ]);
  await revokeApiKey(organizationId, revoked.id);
  await db.user.update({ where: { id: deactivated.userId }, data: { deactivatedAt: new Date() } });

  const profile = (await ok("create profile", await call("POST", "/v1/coach-profiles", { apiKey: adminKey, body: await exampleOf("POST", "/v1/coach-profiles"), headers: writeHeaders() }), [201])) as { data: { id: string } };
  const profileId = profile.data.id;
  await ok("deploy profile", await call("POST", `/v1/coach-profiles/${profileId}/deploy`, { apiKey: adminKey, headers: writeHeaders() }), [200]);
  const [mineOwn, ofOtherMember] = await Promise.all([memberResources(member), memberResources(otherMember)]);

  const sub = (await ok("submit", await submit(adminKey, submissionBody()), [202])) as { submissionId: string };
  const jobRow = await db.job.findFirst({ where: { labResultId: sub.submissionId }, select: { id: true } });

  const run = (await ok(
    "start run",
    await call("POST", "/v1/agents/lab-results", { apiKey: adminKey, body: { webhookUrl: hookUrl, labResults: [{ name: "Glucose", value: "99" }] } }),
    [200],
  )) as { runId: string };

  const endpoint = (await ok(
    "register endpoint",
    await call("POST", "/v1/webhook-endpoints", { apiKey: adminKey, body: { url: hookUrl }, headers: writeHeaders() }),
    [201],
  )) as { id: string };
  const deletable = await Promise.all(
    [1, 2].map(async () => ((await ok("register endpoint", await call("POST", "/v1/webhook-endpoints", { apiKey: adminKey, body: { url: hookUrl }, headers: writeHeaders() }), [201])) as { id: string }).id),
  );
  const delivery = await db.$transaction((tx) =>
    enqueueDelivery(tx, { organizationId, endpointId: endpoint.id, url: hookUrl, eventType: "lab.accepted", payload: { type: "lab.accepted" } }),
  );

  return {
    organizationId,
    adminKey,
    writeKey: writeKey.key,
    readKey: readKey.key,
    revokedKey: revoked.key,
    revokedToken: revokedMember.token,
    member,
    otherMember,
    adminCookie: admin.cookie,
    clinicianCookie: clinician.cookie,
    deactivatedCookie: deactivated.cookie,
    targetUserId: target.userId,
    spareKeyId: spare.id,
    ...mineOwn,
    ofOtherMember,
    submissionId: sub.submissionId,
    jobId: jobRow!.id,
    runId: run.runId,
    profileId,
    endpointId: endpoint.id,
    deletableEndpointIds: [deletable[0], deletable[1]],
    deliveryId: delivery.id,
  };
}

/**
 * How to fill each route pattern's path parameters. `own` is the caller's tenant (and, on member routes, the
 * caller's own member); `resource` is the tenant whose resources the non-member parameters name. The matrix
 * calls it with `resource = theirs` for the other-tenant row and `resource = own` everywhere else. A pattern
 * with no parameters maps to `() => ({})`.
 */
type ParamsFor = (own: TenantWorld, resource: TenantWorld, method: Method) => Record<string, string>;
const none: ParamsFor = () => ({});

export const PATH_PARAMS: Record<string, ParamsFor> = {
  // Member API: user_id is always the caller's own member; the other ids name `resource`'s rows.
  "/v1/auth/token": none,
  "/v1/uploads": none,
  "/v1/uploads/[upload_id]/file": (_, r) => ({ upload_id: r.uploadId }),
  "/v1/users/[user_id]/labs": (o) => ({ user_id: o.member.userId }),
  "/v1/users/[user_id]/labs/upload": (o) => ({ user_id: o.member.userId }),
  "/v1/users/[user_id]/labs/[lab_result_id]": (o, r) => ({ user_id: o.member.userId, lab_result_id: r.labId }),
  "/v1/users/[user_id]/labs/[lab_result_id]/fhir": (o, r) => ({ user_id: o.member.userId, lab_result_id: r.labId }),
  "/v1/users/[user_id]/jobs/[job_id]": (o, r) => ({ user_id: o.member.userId, job_id: r.workflowId }),
  "/v1/users/[user_id]/chat/sessions": (o) => ({ user_id: o.member.userId }),
  "/v1/users/[user_id]/chat/sessions/[session_id]": (o, r) => ({ user_id: o.member.userId, session_id: r.chatSessionId }),
  "/v1/users/[user_id]/chat/sessions/[session_id]/messages": (o, r) => ({ user_id: o.member.userId, session_id: r.chatSessionId }),
  // Submissions API and the agent.
  "/v1/submissions": none,
  "/v1/submissions/[submissionId]": (_, r) => ({ submissionId: r.submissionId }),
  "/v1/submissions/[submissionId]/results": (_, r) => ({ submissionId: r.submissionId }),
  "/v1/submissions/[submissionId]/fhir": (_, r) => ({ submissionId: r.submissionId }),
  "/v1/jobs/[jobId]": (_, r) => ({ jobId: r.jobId }),
  "/v1/diagnostics/auth": none,
  "/v1/agents/lab-results": none,
  "/v1/agents/lab-results/[runId]": (_, r) => ({ runId: r.runId }),
  "/v1/coach-profiles": none,
  "/v1/coach-profiles/deploys": none,
  "/v1/coach-profiles/[profile_id]": (_, r) => ({ profile_id: r.profileId }),
  "/v1/coach-profiles/[profile_id]/deploy": (_, r) => ({ profile_id: r.profileId }),
  "/v1/webhook-endpoints": none,
  // Each DELETE deletes its own endpoint: the controls run after every refusal, and the two surfaces' DELETEs both run.
  "/v1/webhook-endpoints/[id]": (_, r, method) => ({ id: method === "DELETE" ? r.deletableEndpointIds[0] : r.endpointId }),
  "/v1/webhook-endpoints/[id]/rotate-secret": (_, r) => ({ id: r.endpointId }),
  "/v1/webhook-endpoints/[id]/test": (_, r) => ({ id: r.endpointId }),
  "/v1/webhook-deliveries": none,
  "/v1/webhook-deliveries/[id]": (_, r) => ({ id: r.deliveryId }),
  "/v1/webhook-deliveries/[id]/replay": (_, r) => ({ id: r.deliveryId }),
  "/v1/webhook-secret": none,
  "/v1/webhook-secret/rotate": none,
  // The portal's own endpoints.
  "/api/portal/labs": none,
  "/api/portal/labs/[lab_id]": (_, r) => ({ lab_id: r.labId }),
  "/api/portal/labs/[lab_id]/file": (_, r) => ({ lab_id: r.labId }),
  "/api/portal/labs/[lab_id]/fhir": (_, r) => ({ lab_id: r.labId }),
  "/api/portal/labs/[lab_id]/rerun": (_, r) => ({ lab_id: r.labId }),
  "/api/portal/patients": none,
  "/api/portal/patients/[patient_id]": (_, r) => ({ patient_id: r.member.userId }),
  "/api/portal/uploads": none,
  "/api/portal/coach": none,
  "/api/portal/coach/members": none,
  "/api/portal/coach/profiles": none,
  "/api/portal/coach/profiles/[profile_id]": (_, r) => ({ profile_id: r.profileId }),
  "/api/portal/coach/profiles/[profile_id]/deploy": (_, r) => ({ profile_id: r.profileId }),
  "/api/portal/coach/rollback": none,
  "/api/portal/coach/try": none,
  "/api/portal/settings/api-keys": none,
  "/api/portal/settings/api-keys/[key_id]/revoke": (_, r) => ({ key_id: r.spareKeyId }),
  "/api/portal/settings/audit": none,
  "/api/portal/settings/audit/export": none,
  "/api/portal/settings/deliveries": none,
  "/api/portal/settings/deliveries/[delivery_id]": (_, r) => ({ delivery_id: r.deliveryId }),
  "/api/portal/settings/deliveries/[delivery_id]/replay": (_, r) => ({ delivery_id: r.deliveryId }),
  "/api/portal/settings/organization": none,
  "/api/portal/settings/users": none,
  "/api/portal/settings/users/[user_id]": (_, r) => ({ user_id: r.targetUserId }),
  "/api/portal/settings/users/[user_id]/deactivate": (_, r) => ({ user_id: r.targetUserId }),
  "/api/portal/settings/users/[user_id]/reactivate": (_, r) => ({ user_id: r.targetUserId }),
  "/api/portal/settings/users/[user_id]/resend-invite": (_, r) => ({ user_id: r.targetUserId }),
  "/api/portal/settings/webhook-secret": none,
  "/api/portal/settings/webhook-secret/reveal": none,
  "/api/portal/settings/webhook-secret/rotate": none,
  "/api/portal/settings/webhooks": none,
  "/api/portal/settings/webhooks/[endpoint_id]": (_, r, method) => ({ endpoint_id: method === "DELETE" ? r.deletableEndpointIds[1] : r.endpointId }),
  "/api/portal/settings/webhooks/[endpoint_id]/replay-dead-letters": (_, r) => ({ endpoint_id: r.endpointId }),
  "/api/portal/settings/webhooks/[endpoint_id]/rotate-secret": (_, r) => ({ endpoint_id: r.endpointId }),
  "/api/portal/settings/webhooks/[endpoint_id]/test": (_, r) => ({ endpoint_id: r.endpointId }),
};

/**
 * A valid body for a route whose declaration has none to offer (the portal's endpoints are undocumented, so
 * they carry no `requestExample`) or whose example points outside the test network. Keyed `METHOD pattern`.
 * The other-tenant and other-member rows need one: the body is validated before the resource is looked up.
 */
export const BODIES: Record<string, (w: World) => unknown> = {
  // The documented example names a partnerId of its own in metadata, which the key sending it must match.
  "POST /v1/submissions": () => submissionBody(),
  "POST /v1/agents/lab-results": (w) => ({ webhookUrl: w.hookUrl, labResults: [{ name: "Glucose", value: "99" }] }),
  "POST /v1/webhook-endpoints": (w) => ({ url: w.hookUrl }),
  "POST /v1/users/[user_id]/labs/upload": (w) => ({ file_url: w.mine.fileUrl }),
  "PATCH /api/portal/coach/profiles/[profile_id]": () => ({ name: "Renamed by the matrix" }),
  "PATCH /api/portal/settings/users/[user_id]": () => ({ role: "clinician" }),
  "PATCH /api/portal/settings/webhooks/[endpoint_id]": () => ({ description: "Changed by the matrix" }),
  "POST /api/portal/settings/webhooks/[endpoint_id]/rotate-secret": () => ({ graceHours: 0 }),
  "POST /api/portal/settings/webhook-secret/rotate": () => ({ graceHours: 0 }),
};

export function bodyFor(method: string, pattern: string, meta: RouteMeta, world: World): unknown {
  const override = BODIES[`${method} ${pattern}`];
  if (override) return override(world);
  if (!meta.body) return undefined;
  return isDocumented(meta.openapi) ? meta.openapi.requestExample : undefined;
}

export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`PATH_PARAMS of ${pattern} gives no value for [${name}]`);
    return encodeURIComponent(value);
  });
}

/** Headers every non-GET call carries, so a row is refused for the reason it tests and not for a missing write header. */
export function requestHeaders(method: string): Record<string, string> {
  return method === "GET" ? {} : writeHeaders();
}

/**
 * Ids that travel in a body rather than the path: each row names another tenant's (or another member's)
 * resource in an otherwise valid request from the caller's own tenant, which must be refused as unknown.
 */
export interface ForeignBodyRow {
  method: Method;
  pattern: string;
  name: string;
  caller: "adminKey" | "memberToken" | "adminCookie";
  body: (w: World) => unknown;
  expected: number;
}

export const FOREIGN_BODIES: ForeignBodyRow[] = [
  { method: "POST", pattern: "/v1/auth/token", name: "a token for another tenant's member (user_id)", caller: "adminKey", body: (w) => ({ user_id: w.theirs.member.userId }), expected: 404 },
  { method: "POST", pattern: "/v1/users/[user_id]/labs/upload", name: "registering another tenant's file_url", caller: "memberToken", body: (w) => ({ file_url: w.theirs.fileUrl }), expected: 404 },
  { method: "POST", pattern: "/v1/users/[user_id]/labs/upload", name: "registering another member's file_url", caller: "memberToken", body: (w) => ({ file_url: w.mine.ofOtherMember.fileUrl }), expected: 404 },
  { method: "POST", pattern: "/v1/coach-profiles", name: "copying another tenant's profile (from_profile_id)", caller: "adminKey", body: (w) => ({ from_profile_id: w.theirs.profileId }), expected: 404 },
  { method: "POST", pattern: "/api/portal/coach/profiles", name: "copying another tenant's profile (fromProfileId)", caller: "adminCookie", body: (w) => ({ fromProfileId: w.theirs.profileId }), expected: 404 },
  { method: "POST", pattern: "/api/portal/coach/try", name: "trying another tenant's profile", caller: "adminCookie", body: (w) => ({ profileId: w.theirs.profileId, memberId: w.mine.member.userId }), expected: 404 },
  { method: "POST", pattern: "/api/portal/coach/try", name: "trying a profile on another tenant's member", caller: "adminCookie", body: (w) => ({ profileId: w.mine.profileId, memberId: w.theirs.member.userId }), expected: 404 },
  { method: "POST", pattern: "/api/portal/uploads", name: "an upload for another tenant's patient", caller: "adminCookie", body: (w) => ({ patientId: w.theirs.member.userId, fileName: "lab.csv", contentType: "text/csv", size: 10 }), expected: 404 },
  { method: "POST", pattern: "/api/portal/labs", name: "registering another tenant's upload", caller: "adminCookie", body: (w) => ({ uploadId: w.theirs.uploadId }), expected: 404 },
];
