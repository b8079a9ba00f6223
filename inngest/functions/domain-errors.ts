/**
 * Services say a failure is permanent with lib/'s `PermanentFailure`; Inngest is told with its
 * `NonRetriableError`, so the run fails at once instead of spending its retries. Every `step.run` body
 * goes through `mapDomainErrors`; anything else a service throws is rethrown as it is and retried.
 */
import { NonRetriableError } from "inngest";
import { PermanentFailure } from "../../lib/errors";

export function mapDomainErrors<T>(body: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof PermanentFailure) throw new NonRetriableError(error.message, { cause: error });
      throw error;
    }
  };
}
