/**
 * Thrown when a file cannot be read at all. The message is written for the person who uploaded the file
 * ("the file is empty"), never a stack trace; the underlying error, if any, is kept as `cause`.
 */
export class ExtractionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExtractionError";
  }
}
