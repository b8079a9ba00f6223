/**
 * `npm run executor`: the embedded Inngest executor as a process of its own, for when the app runs
 * elsewhere (e.g. `next start` under a process manager). `npm run dev` and `npm start` already start one.
 *
 *   EXECUTOR_PORT=8288 APP_INNGEST_URL=http://127.0.0.1:3000/api/inngest DATABASE_URL=… npm run executor
 *
 * It signs its calls with INNGEST_SIGNING_KEY and accepts events for INNGEST_EVENT_KEY (else the pair kept in
 * the data directory): give the app the same two values, with INNGEST_BASE_URL pointing here.
 */
import { startExecutor } from "../inngest/executor";
import { startupConfigurationError } from "../lib/config";
import { executorKeys } from "./runtime";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is required (the executor keeps its runs in PostgreSQL)");
  process.exit(1);
}
process.env.AUTH_SECRET ??= "unused-by-the-executor-unused-by-the-executor";
const configurationError = startupConfigurationError();
if (configurationError) {
  console.error(configurationError);
  process.exit(1);
}

const executor = await startExecutor({
  port: Number(process.env.EXECUTOR_PORT ?? 8288),
  scope: process.env.EXECUTOR_SCOPE,
  backoffBaseMs: process.env.EXECUTOR_BACKOFF_BASE_MS ? Number(process.env.EXECUTOR_BACKOFF_BASE_MS) : undefined,
  takeoverGraceMs: process.env.EXECUTOR_TAKEOVER_GRACE_MS ? Number(process.env.EXECUTOR_TAKEOVER_GRACE_MS) : undefined,
  keys: await executorKeys(),
});
console.log(`executor listening on ${executor.url}`);
if (process.env.APP_INNGEST_URL) {
  executor.syncApp(process.env.APP_INNGEST_URL).then(
    () => console.log(`registered ${process.env.APP_INNGEST_URL}`),
    (error: Error) => console.error(error.message),
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void executor.stop().then(() => process.exit(0)));
}
