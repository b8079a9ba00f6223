/**
 * A failure that trying again may well fix (object storage lagging, a file not yet readable), stated for the
 * person who asked: its message is shown as the job's and the lab's reason, and the step is retried as any
 * other error is. The counterpart of PermanentFailure for errors worded by us rather than by a driver.
 */
export class TransientFailure extends Error {
  override readonly name = "TransientFailure";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
