/**
 * A failure that trying again cannot fix — the file cannot be read, it holds nothing to read — stated for
 * the person who asked: its message is shown as the job's and the lab's reason. Services throw it; the
 * background runner decides what it means there (inngest/functions map it to Inngest's `NonRetriableError`,
 * so the run fails at once instead of retrying). Any other error is taken as possibly transient and retried.
 */
export class PermanentFailure extends Error {
  override readonly name = "PermanentFailure";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
