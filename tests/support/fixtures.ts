/** Test data, made fresh per test with unique ids so files run in any order and in parallel. */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createApiKey } from "@/lib/auth/api-keys";
import type { ApiKeyScope, PortalRole } from "@/lib/db";
import { addPortalUser, createOrganization } from "@/lib/organizations";
import { appFetch, call } from "./app";

export async function createTenant(name = `Tenant ${randomUUID().slice(0, 8)}`) {
  const { organization, apiKey } = await createOrganization({ name });
  return { organizationId: organization.id, apiKey: apiKey.key };
}

export async function createKey(organizationId: string, scopes: ApiKeyScope[]) {
  return (await createApiKey({ organizationId, name: "test", scopes })).key;
}

/** A member of the tenant and a token for it, minted through the real token route. */
export async function createMember(apiKey: string, externalId = `ext-${randomUUID()}`) {
  const res = await call("POST", "/v1/auth/token", { apiKey, body: { external_id: externalId, create: true } });
  if (res.status !== 200) throw new Error(`token route answered ${res.status}: ${res.text}`);
  return { userId: res.json.data.user_id as string, token: res.json.data.access_token as string };
}

export const SAMPLE_CSV = "Test,Result,Unit,Reference Range\nGlucose,99,mg/dL,70-99\nCreatinine,1.8,mg/dL,0.7-1.3\n";

/** Mints an upload URL and PUTs `content` to it; returns the registration input. */
export async function uploadFile(token: string, content: string | Buffer = SAMPLE_CSV, contentType = "text/csv", filename = "lab.csv") {
  const size = Buffer.byteLength(content);
  const minted = await call("POST", "/v1/uploads", { token, body: { filename, content_type: contentType, size } });
  if (minted.status !== 201) throw new Error(`uploads route answered ${minted.status}: ${minted.text}`);
  const { upload_url, headers, file_url, upload_id } = minted.json.data;
  const put = await appFetch(upload_url, { method: "PUT", headers, body: typeof content === "string" ? content : new Uint8Array(content) });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
  return { fileUrl: file_url as string, uploadId: upload_id as string };
}

export async function registerLab(userId: string, token: string) {
  const { fileUrl } = await uploadFile(token);
  const res = await call("POST", `/v1/users/${userId}/labs/upload`, { token, body: { file_url: fileUrl } });
  if (res.status !== 202) throw new Error(`register answered ${res.status}: ${res.text}`);
  return res.json.data as { lab_result_id: string; status: string; workflow_id: string | null };
}

/**
 * A portal user of the organisation and the `Cookie` header of a signed-in session, sealed exactly as
 * Auth.js seals it (the same `encode`, secret and cookie-name salt), so portal routes authenticate it for real.
 */
export async function createPortalUser(organizationId: string, role: PortalRole = "clinician") {
  const user = await addPortalUser({ organizationId, email: `${role}-${randomUUID()}@example.test`, role });
  const cookieName = "authjs.session-token";
  const session = await encode({
    token: { sub: user.id, email: user.email, organizationId, role },
    secret: process.env.AUTH_SECRET!,
    salt: cookieName,
  });
  return { userId: user.id, email: user.email, cookie: `${cookieName}=${session}` };
}
