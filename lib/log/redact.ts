/**
 * What never reaches a log line: credentials, wherever they appear, and the lab data a log has no need of.
 * Pure functions, used by the logger (lib/log/index.ts) on everything it writes, so a call site cannot forget.
 *
 * Credentials are found two ways: by the name of the field that holds them (an `authorization` header, an
 * `x-api-key`, a cookie, a password, anything called a secret or a token), and by their shape in any text (a
 * signed URL's `signature=`, S3's `X-Amz-*`, a bearer token, a member JWT `eyJ…`, a webhook secret `whsec_…`, an
 * API key's secret half, a password in a connection URL). PHI is left out by field name (pino's redaction
 * paths, PHI_FIELDS) and by how errors are logged (serializeError).
 */

export const REDACTED = "[redacted]";

/**
 * Fields that hold lab data or say who the patient is: redacted at the top of a logged object and one level
 * down (pino `redact` paths). Logs identify a lab by its id, never by what it contains.
 */
export const PHI_FIELDS = [
  "patient",
  "patientContext",
  "patientName",
  "name",
  "displayName",
  "email",
  "dateOfBirth",
  "birthDate",
  "value",
  "values",
  "rawName",
  "rawValue",
  "valueText",
  "text",
  "notes",
  "clinicalNotes",
  "labResults",
  "analytes",
  "input",
  "body",
  "patientResponse",
  "clinicianResponse",
] as const;

/** pino `redact.paths` for PHI_FIELDS. */
export const PHI_PATHS = PHI_FIELDS.flatMap((field) => [field, `*.${field}`]);

/** Field names whose value is a credential, at any depth: headers, cookies, tokens, passwords, keys, secrets. */
const SECRET_FIELD = /^(?:authorization|proxy-authorization|x-api-key|api[-_]?key|cookie|set-cookie|signature|.*password.*|.*secret.*|.*token|.*signing[-_]?key|encryption[-_]?key)$/i;

/** Query parameters whose value is a credential (storage signatures, S3 pre-signing, OAuth codes, keys). */
const SECRET_PARAMETER = /([?&;](?:signature|sig|token|access_token|refresh_token|id_token|code|key|api_key|apikey|password|secret|client_secret|x-amz-[a-z0-9-]+)=)[^&#\s"'<>\\]*/gi;

/**
 * Credentials by their shape. The character classes stop at quotes and backslashes, so the patterns can also
 * run over a finished JSON line without breaking it.
 */
const SECRET_TEXT: [RegExp, string][] = [
  [SECRET_PARAMETER, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // A JWT (a member token): base64url of `{"…`, with or without its other parts.
  [/\beyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,2}/g, REDACTED],
  // Standard Webhooks secrets (lib/webhooks/signing.ts).
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, REDACTED],
  // A partner API key keeps its prefix, which names it in lists and logs; the secret half goes.
  [/\b(lw_[a-z0-9]{8}_)[A-Za-z0-9_-]+/g, `$1${REDACTED}`],
  // Auth.js session cookies written out as text.
  [/((?:__Secure-|__Host-)?(?:authjs|next-auth)\.[a-z.-]*token=)[^;\s"'\\]+/gi, `$1${REDACTED}`],
  // The password in a URL's user info (postgresql://user:password@host).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]+:)[^\s@/"'\\]+@/gi, `$1${REDACTED}@`],
];

/** `text` with every credential it holds replaced by [redacted]. */
export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` fit to log: credentials redacted by field name and by shape, errors as `serializeError`
 * makes them, bytes as their length, Headers and Maps as plain objects. The caller's object is not changed.
 */
export function redactValue(value: unknown, depth = 0, ancestors = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return String(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value;
  if (value instanceof URL) return redactText(value.href);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return "[…]";
  if (ancestors.has(value)) return "[circular]";
  ancestors.add(value);
  try {
    if (value instanceof Error) return serializeError(value, depth, ancestors);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, ancestors));
    const entries = value instanceof Map || (typeof Headers !== "undefined" && value instanceof Headers) ? [...value.entries()] : Object.entries(value);
    return Object.fromEntries(entries.map(([key, item]) => [key, SECRET_FIELD.test(String(key)) ? REDACTED : redactValue(item, depth + 1, ancestors)]));
  } finally {
    ancestors.delete(value);
  }
}

/**
 * An error as logged: its type, code, message, the stack's frames and its cause. The stack's own first lines
 * repeat the message and are left out. Prisma writes the failing call with its arguments (lab values among
 * them) above the reason, so only the reason — the message's last line — is kept from a Prisma error; a
 * SyntaxError from JSON.parse quotes the text it could not read (a lab file's), so its quotes are emptied.
 */
export function serializeError(error: Error, depth = 0, ancestors = new WeakSet<object>()): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactText(errorMessage(error)) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  const frames = error.stack?.split("\n").filter((line) => /^\s+at /.test(line));
  if (frames?.length) out.stack = redactText(frames.map((line) => line.trim()).join("\n"));
  if (error.cause !== undefined) out.cause = redactValue(error.cause, depth + 1, ancestors);
  if (error instanceof AggregateError) out.errors = error.errors.map((inner: unknown) => redactValue(inner, depth + 1, ancestors));
  return out;
}

function errorMessage(error: Error): string {
  if (error.name === "SyntaxError") return error.message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  if (!error.name.startsWith("PrismaClient")) return error.message;
  const lines = error.message.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? "";
}
