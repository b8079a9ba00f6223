/**
 * The extraction worker thread: reads one file at a time with `extractLab` and sends the result (or the
 * error, serialised) back to the pool in extract-pool.ts. Parsing, PDF rendering and OCR set-up run here,
 * never on the thread that answers HTTP requests.
 */
import { parentPort } from "node:worker_threads";
import { extractLab } from "./index";
import type { ExtractionLimits } from "./limits";
import type { ExtractedAnalyte, ExtractionResult } from "./types";

export interface ExtractTask {
  id: number;
  bytes: Uint8Array;
  contentType?: string;
  filename?: string;
  names?: string[];
  limits: ExtractionLimits;
}

/** The pool asks for a result's analytes one part at a time. */
export interface PartRequest {
  id: number;
  part: number;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
}

/**
 * A result goes back without its analytes, saying in how many parts they follow; the pool then asks for
 * each part in turn. Decoding a message happens on the receiving thread, and Node decodes every queued
 * message in one go: a part at a time, on request, keeps a result of thousands of analytes from holding
 * the pool's event loop in one piece.
 */
export type ExtractReply =
  | { id: number; ok: true; result: Omit<ExtractionResult, "analytes">; parts: number }
  | { id: number; ok: false; error: SerializedError }
  | { id: number; part: number; analytes: ExtractedAnalyte[] };

/** Analytes per message. */
export const PART_SIZE = 500;

function serialize(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined && depth < 3 ? { cause: serialize(error.cause, depth + 1) } : {}),
  };
}

if (parentPort) {
  const port = parentPort;
  /** The analytes of the result being handed over (one file at a time). */
  let handing: { id: number; analytes: ExtractedAnalyte[] } | undefined;
  const reply = (message: ExtractReply) => port.postMessage(message);

  port.on("message", async (message: ExtractTask | PartRequest) => {
    if ("part" in message) {
      if (handing?.id !== message.id) return;
      const analytes = handing.analytes.slice(message.part * PART_SIZE, (message.part + 1) * PART_SIZE);
      if ((message.part + 1) * PART_SIZE >= handing.analytes.length) handing = undefined;
      reply({ id: message.id, part: message.part, analytes });
      return;
    }
    try {
      const { analytes, ...result } = await extractLab({ bytes: message.bytes, contentType: message.contentType, filename: message.filename, names: message.names }, message.limits);
      handing = analytes.length ? { id: message.id, analytes } : undefined;
      reply({ id: message.id, ok: true, result, parts: Math.ceil(analytes.length / PART_SIZE) });
    } catch (error) {
      reply({ id: message.id, ok: false, error: serialize(error) });
    }
  });
  port.postMessage({ ready: true });
}
