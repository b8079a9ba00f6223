/**
 * Idempotent writes (`Idempotency-Key`, as in Stripe's and the IETF httpapi draft's), stored per organisation
 * and per credential — one API key, or one member's token — so a key chosen by one caller can never replay
 * another caller's answer (its upload URL, its member token):
 * - same credential, key and request → the stored response is replayed, marked `Idempotent-Replayed: true`;
 * - same credential and key, different request → 409;
 * - two requests racing on one key → one runs the work; the other waits for its response and replays it;
 * - a request whose first attempt died mid-flight (its process crashed) → the retry runs the work, once the
 *   claim's lease (IDEMPOTENCY_LEASE_SECONDS from the claim) has passed. Work that creates something records
 *   it on the claim in the transaction that creates it (`IdempotencyClaim.recordCreated`); an attempt that
 *   died after that commit but before its answer was stored has then left the retry `createdResourceId`, and
 *   the retry answers with that resource instead of creating a second one.
 * Server errors are not remembered, so the client's retry runs the work again. The remembered body is sealed
 * (AES-256-GCM, ../crypto/secret-box.ts): it can hold bearer tokens and signed URLs.
 *
 * How waiting works: each request holds a PostgreSQL advisory lock on its (organization, credential, key) from
 * before it reads the record until its answer is stored (../db/session-lock.ts, a connection of its own). A
 * second request waits in PostgreSQL's lock queue and is woken when the first is done, then replays. A
 * record still without an answer when the lock is free has lost its holder: a dead process releases its lock
 * with its connection. The lease only guards against the one case where the holder is alive but lost its lock
 * connection (a network blip): within the lease the record is reported as in progress, past it taken over.
 */
import { createHash } from "node:crypto";
import type { Principal } from "../auth/credentials";
import { config } from "../config";
import { open, seal } from "../crypto/secret-box";
import { db, Prisma, type Tx } from "../db";
import { LockWaitTimeout, withSessionLock } from "../db/session-lock";
import { AppError } from "./errors";

/** How long a request waits for another with its key to finish before answering 409 "in progress". */
const WAIT_FOR_FIRST_MS = 10_000;
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

/** The credential a key belongs to, as stored: `apiKey:<id>`, `member:<id>` or `portalUser:<id>`. */
export function credentialIdOf(principal: Principal): string {
  switch (principal.kind) {
    case "apiKey":
      return `apiKey:${principal.apiKeyId}`;
    case "member":
      return `member:${principal.memberId}`;
    case "portalUser":
      return `portalUser:${principal.userId}`;
  }
}

/** The request's hold on its key, handed to the work it guards. */
export interface IdempotencyClaim {
  /** What an earlier attempt of this same request created before it died unanswered; null if nothing. */
  readonly createdResourceId: string | null;
  /** Records what this attempt creates. Call it in the transaction that creates it, so both commit or neither. */
  recordCreated(tx: Tx, resourceId: string): Promise<void>;
}

export function requestHash(req: Pick<IdempotentRequest, "method" | "path" | "body">): string {
  return createHash("sha256").update(`${req.method}\n${req.path}\n${req.body}`).digest("hex");
}

export async function withIdempotency(req: IdempotentRequest, work: (claim: IdempotencyClaim) => Promise<Response>): Promise<Response> {
  const hash = requestHash(req);
  try {
    return await withSessionLock(lockName(req), WAIT_FOR_FIRST_MS, async () => {
      const claimed = await claim(req, hash);
      if ("claim" in claimed) return runAndRemember(req, () => work(claimed.claim));
      return replay(claimed.answered);
    });
  } catch (error) {
    if (error instanceof LockWaitTimeout) throw inProgress(1);
    throw error;
  }
}

/** One lock per stored record: a key is the caller's own, per organisation and credential. */
const lockName = (req: IdempotentRequest) => `idempotency\n${req.organizationId}\n${req.credentialId}\n${req.key}`;

const inProgress = (retryAfterSeconds: number) =>
  new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed; retry shortly", {
    headers: { "retry-after": String(retryAfterSeconds) },
  });

type StoredRecord = Prisma.IdempotencyRecordGetPayload<object>;

const recordOf = (req: IdempotentRequest) => ({
  organizationId_credentialId_key: { organizationId: req.organizationId, credentialId: req.credentialId, key: req.key },
});

/**
 * Under the key's lock: the stored answer to replay, or this request's claim. An unanswered claim seen here
 * has no live holder (see the module comment); past its lease it is taken over, keeping what its holder
 * created.
 */
async function claim(req: IdempotentRequest, hash: string): Promise<{ answered: StoredRecord } | { claim: IdempotencyClaim }> {
  const existing = await db.idempotencyRecord.findUnique({ where: recordOf(req) });
  if (existing && existing.expiresAt > new Date()) {
    if (existing.requestHash !== hash) {
      throw new AppError("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was already used with a different request");
    }
    if (existing.completedAt) return { answered: existing };
    const leaseLeftMs = existing.createdAt.getTime() + config().IDEMPOTENCY_LEASE_SECONDS * 1000 - Date.now();
    if (leaseLeftMs > 0) throw inProgress(Math.ceil(leaseLeftMs / 1000));
    // Abandoned: the lease starts again for this request (createdAt is what it counts from).
    await db.idempotencyRecord.update({ where: { id: existing.id }, data: { createdAt: new Date() } });
    return { claim: claimHandle(existing.id, existing.resourceId) };
  }
  // Expired or never used: a new claim.
  if (existing) await db.idempotencyRecord.deleteMany({ where: { id: existing.id } });
  const created = await db.idempotencyRecord.create({ data: claimFor(req), select: { id: true } });
  return { claim: claimHandle(created.id, null) };
}

const claimHandle = (recordId: string, createdResourceId: string | null): IdempotencyClaim => ({
  createdResourceId,
  async recordCreated(tx, resourceId) {
    await tx.idempotencyRecord.update({ where: { id: recordId }, data: { resourceId }, select: { id: true } });
  },
});

/** The record that claims `req`'s key: no answer yet, remembered for IDEMPOTENCY_TTL_HOURS from `now`. */
export function claimFor(req: IdempotentRequest, now = new Date()) {
  return {
    organizationId: req.organizationId,
    credentialId: req.credentialId,
    key: req.key,
    method: req.method,
    path: req.path,
    requestHash: requestHash(req),
    createdAt: now,
    expiresAt: new Date(now.getTime() + config().IDEMPOTENCY_TTL_HOURS * 3_600_000),
  };
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
