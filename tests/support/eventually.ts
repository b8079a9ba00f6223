/**
 * Polls `check` until it returns without throwing, or throws its last error once `timeoutMs` has passed:
 * the one way tests wait for something that happens in the background (a run, a takeover, a delivery).
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
