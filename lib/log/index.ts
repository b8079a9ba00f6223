/**
 * The one logger of the server code (pino): a JSON object per line on stdout, which a person can read and a
 * log pipeline can index. Nothing logged is trusted to be clean: every record passes through lib/log/redact.ts
 * (credentials by field name and shape, errors without Prisma's rendering of arguments) and pino's redaction
 * paths (PHI fields), and the finished line is checked once more for credentials, so a message built from a
 * URL or an error cannot carry a signature, token or secret out.
 *
 * Call it with the context first and a short message: `log.error({ err, labResultId }, "pipeline step failed")`.
 * Identify records by ids (lab, job, request), never by what a lab contains.
 */
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { LOG_LEVELS } from "../config";
import { PHI_PATHS, REDACTED, redactText, redactValue } from "./redact";

export type { Logger };

const isLevel = (value: string): value is LevelWithSilent => (LOG_LEVELS as readonly string[]).includes(value);

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL, or `info`. */
  level?: LevelWithSilent;
  /** Defaults to stdout; tests pass a stream of their own. */
  destination?: DestinationStream;
}

/** A logger with Labwise's redaction; `log` below is the process's own, use this for a separate destination. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const configured = process.env.LOG_LEVEL?.trim() ?? "";
  const level = options.level ?? (isLevel(configured) ? configured : "info");
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: PHI_PATHS, censor: REDACTED },
      formatters: { log: (record) => redactValue(record) as Record<string, unknown> },
      // redactValue has already made errors into what serializeError keeps; pino's own would rename them.
      serializers: { err: (err: unknown) => err },
      hooks: { streamWrite: redactText },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // The run command refuses a bad LOG_LEVEL (lib/config); a process started some other way says so here.
  if (!options.level && configured && !isLevel(configured)) logger.warn({ expected: LOG_LEVELS }, "LOG_LEVEL is not a level; logging at info");
  return logger;
}

/** The server's logger. */
export const log: Logger = createLogger();
