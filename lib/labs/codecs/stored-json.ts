/**
 * One codec per JSON column of a lab result: the only code that turns a stored value into a typed one and
 * back, so a change of shape is made in one place and old rows keep reading.
 *
 * Layout: every value written carries its version as a top-level `v`. A column whose value is an object
 * with keys of our own keeps them beside `v` (`citations`: `{ v: 1, patient, clinician }`; `metadata`:
 * `{ v: 1, trends }`); a list, or a document whose keys are not ours (the partner's patient context, a FHIR
 * Bundle that must stay valid FHIR), sits under one named key (a list under `items`: `{ v: 1, items: [...] }`;
 * `{ v: 1, patient: {...} }`, `{ v: 1, bundle: {...} }`). Rows written before versions existed hold the bare
 * value: no `v`, read through the codec's `legacy` schema and mapped to the current value. Readers get the
 * value only, never the envelope.
 *
 * A stored value that is neither shape is a bug or a hand edit, not data to guess at: reading it throws
 * `StoredJsonError`, naming the column and the lab, rather than showing the lab as having no findings.
 */
import { z } from "zod";
import type { Prisma } from "../../db";

/**
 * True exactly when A and B are the same type: a codec's schema is checked against the domain type it stores,
 * so neither can gain a field the other lacks.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The JSON columns of `lab_results`, by their SQL names. */
export type LabResultJsonColumn = "findings" | "citations" | "metadata" | "patient_context" | "skipped" | "input" | "fhir_bundle" | "microbiology";

export class StoredJsonError extends Error {
  constructor(
    readonly column: LabResultJsonColumn,
    readonly labResultId: string,
    detail: string,
  ) {
    super(`lab_results.${column} of lab result ${labResultId} ${detail}`);
    this.name = "StoredJsonError";
  }
}

export interface JsonCodecSpec<Value, Stored extends Prisma.InputJsonObject & { v: number }, Legacy> {
  column: LabResultJsonColumn;
  /** The value as written now, `v` included. */
  current: z.ZodType<Stored>;
  /** The unversioned shape rows written before `v` existed hold. */
  legacy: z.ZodType<Legacy>;
  fromLegacy(legacy: Legacy): Value;
  fromStored(stored: Stored): Value;
  toStored(value: Value): Stored;
}

export interface JsonCodec<Value> {
  /** The stored value, or null when the column is empty; throws StoredJsonError for anything else. */
  read(json: Prisma.JsonValue, labResultId: string): Value | null;
  /** The value as it is stored, checked against the current schema before it reaches the database. */
  write(value: Value): Prisma.InputJsonObject;
}

/**
 * Where and what the schema expected. zod's messages name the expected and received types, never the stored
 * value, so a lab's clinical data does not end up in the log.
 */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

const isObject = (json: Prisma.JsonValue): json is Prisma.JsonObject => typeof json === "object" && json !== null && !Array.isArray(json);

export function jsonCodec<Value, Stored extends Prisma.InputJsonObject & { v: number }, Legacy>(
  spec: JsonCodecSpec<Value, Stored, Legacy>,
): JsonCodec<Value> {
  return {
    read(json, labResultId) {
      if (json === null) return null;
      if (isObject(json) && "v" in json) {
        const stored = spec.current.safeParse(json);
        if (!stored.success) throw new StoredJsonError(spec.column, labResultId, `does not match its version (v: ${JSON.stringify(json.v)}): ${describe(stored.error)}`);
        return spec.fromStored(stored.data);
      }
      const legacy = spec.legacy.safeParse(json);
      if (!legacy.success) throw new StoredJsonError(spec.column, labResultId, `is neither a versioned value nor the unversioned legacy shape: ${describe(legacy.error)}`);
      return spec.fromLegacy(legacy.data);
    },
    write(value) {
      return spec.current.parse(spec.toStored(value));
    },
  };
}

/**
 * A column holding a list: stored `{ v: 1, items: [...] }`, legacy rows the bare array. `item` is the schema of
 * one entry; the caller checks it against its domain type with `Same`.
 */
export function listCodec<Item extends Prisma.InputJsonValue>(column: LabResultJsonColumn, item: z.ZodType<Item>): JsonCodec<Item[]> {
  return jsonCodec({
    column,
    current: z.object({ v: z.literal(1), items: z.array(item) }),
    legacy: z.array(item),
    fromLegacy: (legacy: Item[]) => legacy,
    fromStored: (stored: { v: 1; items: Item[] }) => stored.items,
    toStored: (items: Item[]) => ({ v: 1 as const, items }),
  });
}
