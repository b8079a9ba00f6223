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

/**
 * A file with results for more than one person. Labwise reads one person's results per file on every
 * surface (one upload, submission or run is one lab of one person), so such a file fails as a whole
 * rather than mixing people's results, trends and names into one report.
 */
export function severalPeople(count: number): ExtractionError {
  return new ExtractionError(
    `this file holds results for ${count} people; Labwise reads one person's results per file — split it and send each person's results on their own`,
  );
}
