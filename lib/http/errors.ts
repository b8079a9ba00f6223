/**
 * One error type for the whole app. Services throw `AppError`s with a code; each HTTP surface renders the
 * same error in its own shape (./surfaces.ts). The table below is the only place a code meets a status.
 */
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { isDatabaseUnavailable } from "../db/unavailable";

export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_API_KEY: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  /** Submissions API: the partnerSubmissionId was already used in the organisation. */
  DUPLICATE_SUBMISSION: 409,
  /** Submissions API: results asked for before the submission completed, or of a failed one. */
  RESULTS_NOT_READY: 409,
  SUBMISSION_FAILED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of a request: where (`loc`), what (`msg`), and a machine-readable `type`. */
export interface FieldIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** zod issue → FieldIssue, with the part of the request it came from (`body`, `query`, `path`) first. */
export function issuesFromZod(error: z.ZodError, location: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    loc: [location, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
}

/** Maps whatever was thrown to an AppError; anything unrecognised is an internal error (and is logged). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("VALIDATION_ERROR", "Invalid request", { issues: issuesFromZod(error, "body") });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new AppError("NOT_FOUND", "Resource not found");
    if (error.code === "P2002") return new AppError("CONFLICT", "A resource with these values already exists");
  }
  // Checked after the codes above: a unique violation is the client's, whatever else it carries.
  if (isDatabaseUnavailable(error)) {
    return new AppError("SERVICE_UNAVAILABLE", "The service is briefly unavailable; please retry", { headers: { "retry-after": "5" } });
  }
  return new AppError("INTERNAL_ERROR", "Internal server error");
}
