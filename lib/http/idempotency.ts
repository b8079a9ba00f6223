/**
 * Idempotent writes (`Idempotency-Key`, as in Stripe's and the IETF httpapi draft's), stored per organisation
 * and per credential — one API key, or one member's token — so a key chosen by one caller can never replay
 * another caller's answer (its upload URL, its member token):
 * - same credential, key and request → the stored response is replayed, marked `Idempotent-Replayed: true`;
 * - same credential and key, different request → 409;
 * - two requests racing on one key → the unique (organization, credential, key) row lets exactly one run the
 *   work; the other waits for its response and replays it.
 * Server errors are not remembered, so the client's retry runs the work again. The remembered body is sealed
 * (AES-256-GCM, ../crypto/secret-box.ts): it can hold bearer tokens and signed URLs.
 */
import { createHash } from "node:crypto";
import type { Principal } from "../auth/credentials";
import { config } from "../config";
import { open, seal } from "../crypto/secret-box";
import { db, Prisma } from "../db";
import { AppError } from "./errors";

const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;
/** Response headers worth replaying; request ids and rate-limit counters are per request. */
const REPLAYED_HEADERS = ["content-type", "location", "retry-after"];

export interface IdempotentRequest {
  organizationId: string;
  /** Who sent it: `credentialIdOf(principal)`. */
  credentialId: string;
  key: string;
  method: string;
  path: string;
  body: string;
}

/** The credential a key belongs to, as stored: `apiKey:<id>` or `member:<id>`. */
export function credentialIdOf(principal: Principal): string {
  return principal.kind === "apiKey" ? `apiKey:${principal.apiKeyId}` : `member:${principal.memberId}`;
}

export function requestHash(req: Pick<IdempotentRequest, "method" | "path" | "body">): string {
  return createHash("sha256").update(`${req.method}\n${req.path}\n${req.body}`).digest("hex");
}

export async function withIdempotency(req: IdempotentRequest, work: () => Promise<Response>): Promise<Response> {
  const hash = requestHash(req);
  const claimed = await claim(req, hash);
  if (claimed === "mine") return runAndRemember(req, work);
  return replay(claimed);
}

type StoredRecord = Prisma.IdempotencyRecordGetPayload<object>;

const recordOf = (req: IdempotentRequest) => ({
  organizationId_credentialId_key: { organizationId: req.organizationId, credentialId: req.credentialId, key: req.key },
});

async function claim(req: IdempotentRequest, hash: string): Promise<"mine" | StoredRecord> {
  const where = recordOf(req);
  for (;;) {
    try {
      await db.idempotencyRecord.create({
        data: {
          organizationId: req.organizationId,
          credentialId: req.credentialId,
          key: req.key,
          method: req.method,
          path: req.path,
          requestHash: hash,
          expiresAt: new Date(Date.now() + config().IDEMPOTENCY_TTL_HOURS * 3_600_000),
        },
      });
      return "mine";
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    const existing = await db.idempotencyRecord.findUnique({ where });
    if (!existing) continue;
    if (existing.expiresAt < new Date()) {
      await db.idempotencyRecord.deleteMany({ where: { id: existing.id } });
      continue;
    }
    if (existing.requestHash !== hash) {
      throw new AppError("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was already used with a different request");
    }
    return existing.completedAt ? existing : waitForCompletion(existing.id);
  }
}

async function waitForCompletion(id: string): Promise<StoredRecord> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const record = await db.idempotencyRecord.findUnique({ where: { id } });
    if (!record) break;
    if (record.completedAt) return record;
  }
  throw new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed; retry shortly", {
    headers: { "retry-after": "1" },
  });
}

const retryable = (status: number) => status === 429 || status >= 500;

async function runAndRemember(req: IdempotentRequest, work: () => Promise<Response>): Promise<Response> {
  const where = recordOf(req);
  let response: Response;
  try {
    response = await work();
  } catch (error) {
    const status = error instanceof AppError ? error.status : 500;
    // A 429 or a 5xx says "try again later": the retry with the same key must run the work, not replay them.
    if (retryable(status)) await db.idempotencyRecord.delete({ where }).catch(() => undefined);
    else await remember(req, status, error as AppError);
    throw error;
  }
  if (retryable(response.status)) {
    await db.idempotencyRecord.delete({ where }).catch(() => undefined);
    return response;
  }
  const body = await response.clone().text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  await db.idempotencyRecord.update({
    where,
    data: { responseStatus: response.status, responseHeaders: headers, responseBody: sealBody(body), completedAt: new Date() },
  });
  return response;
}

/** A client error is part of the outcome too: replaying the same bad request gives the same answer. */
async function remember(req: IdempotentRequest, status: number, error: AppError) {
  await db.idempotencyRecord.update({
    where: recordOf(req),
    data: {
      responseStatus: status,
      responseHeaders: { "x-labwise-error": "1" },
      responseBody: sealBody(JSON.stringify({ code: error.code, message: error.message, issues: error.issues ?? null })),
      completedAt: new Date(),
    },
  });
}

function replay(record: StoredRecord): Response {
  const stored = (record.responseHeaders ?? {}) as Record<string, string>;
  if (stored["x-labwise-error"]) {
    const { code, message, issues } = JSON.parse(openBody(record.responseBody) ?? "{}");
    throw new AppError(code, message, { issues: issues ?? undefined, headers: { "idempotent-replayed": "true" } });
  }
  const headers = new Headers(stored);
  headers.set("idempotent-replayed", "true");
  return new Response(openBody(record.responseBody), { status: record.responseStatus ?? 200, headers });
}

const sealBody = (body: string) => seal(body, "idempotency-response");
const openBody = (stored: string | null) => (stored === null ? null : open(stored, "idempotency-response"));
