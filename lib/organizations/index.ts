/**
 * Tenant onboarding: what an operator does (through `npm run labwise`) to bring a partner on, and what the
 * run command does to seed the demo organisation.
 */
import { randomBytes } from "node:crypto";
import { createApiKey, hashApiKey, type CreatedApiKey } from "../auth/api-keys";
import { hashPassword } from "../auth/passwords";
import { API_KEY_FORM, API_KEY_PATTERN } from "../config";
import { db, type ApiKeyScope, type PortalRole } from "../db";
import { AppError } from "../http/errors";

export async function createOrganization(input: { name: string; concurrentRunLimit?: number; presetKey?: string }) {
  // Checked before anything is written, so a bad preset key leaves no organisation without a key behind.
  if (input.presetKey) assertApiKeyForm(input.presetKey);
  const organization = await db.organization.create({
    data: { name: input.name, concurrentRunLimit: input.concurrentRunLimit },
  });
  const apiKey = await createApiKey({ organizationId: organization.id, name: "Initial key", presetKey: input.presetKey });
  return { organization, apiKey };
}

export async function getOrganizationOrThrow(organizationId: string) {
  const organization = await db.organization.findUnique({ where: { id: organizationId } });
  if (!organization) throw new AppError("NOT_FOUND", `Organization ${organizationId} not found`);
  return organization;
}

export async function listOrganizations() {
  return db.organization.findMany({ orderBy: { createdAt: "asc" }, include: { _count: { select: { apiKeys: true, users: true } } } });
}

export async function addPortalUser(input: {
  organizationId: string;
  email: string;
  role: PortalRole;
  name?: string;
  password?: string;
}) {
  await getOrganizationOrThrow(input.organizationId);
  return db.user.create({
    data: {
      organizationId: input.organizationId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    },
  });
}

export async function addApiKey(input: { organizationId: string; name: string; scopes?: ApiKeyScope[] }): Promise<CreatedApiKey> {
  await getOrganizationOrThrow(input.organizationId);
  return createApiKey(input);
}

export interface DemoCredentials {
  organizationId: string;
  adminEmail: string;
  adminPassword: string;
  clinicianEmail: string;
  clinicianPassword: string;
  apiKey: string;
}

export const DEMO_ADMIN_EMAIL = "admin@demo.labwise.local";
export const DEMO_CLINICIAN_EMAIL = "clinician@demo.labwise.local";

/**
 * Seeds the demo organisation once: an admin, a clinician and an API key (SEED_API_KEY when given).
 * Returns null when it already exists, since passwords and keys are stored only as hashes; `ensureDemoKey`
 * then adds SEED_API_KEY if it is new.
 */
export async function seedDemoOrganization(presetKey?: string): Promise<DemoCredentials | null> {
  if (presetKey) assertApiKeyForm(presetKey, "SEED_API_KEY");
  const existing = await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } });
  if (existing) {
    if (presetKey) await ensureDemoKey(existing.organizationId, presetKey);
    return null;
  }
  const { organization, apiKey } = await createOrganization({ name: "Labwise Demo Clinic", presetKey });
  const adminPassword = randomBytes(9).toString("base64url");
  const clinicianPassword = randomBytes(9).toString("base64url");
  await addPortalUser({ organizationId: organization.id, email: DEMO_ADMIN_EMAIL, role: "admin", name: "Demo Admin", password: adminPassword });
  await addPortalUser({
    organizationId: organization.id,
    email: DEMO_CLINICIAN_EMAIL,
    role: "clinician",
    name: "Demo Clinician",
    password: clinicianPassword,
  });
  return {
    organizationId: organization.id,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword,
    clinicianEmail: DEMO_CLINICIAN_EMAIL,
    clinicianPassword,
    apiKey: apiKey.key,
  };
}

async function ensureDemoKey(organizationId: string, presetKey: string) {
  const known = await db.apiKey.findUnique({ where: { hash: hashApiKey(presetKey) } });
  if (!known) await createApiKey({ organizationId, name: "SEED_API_KEY", presetKey });
}

/** A preset key must look like a generated one; the message names where it came from and the form it needs. */
function assertApiKeyForm(key: string, source = "The preset API key"): void {
  if (!API_KEY_PATTERN.test(key)) throw new AppError("VALIDATION_ERROR", `${source} must be an API key of the form ${API_KEY_FORM}`);
}
