/**
 * Starts the embedded executor: engine, HTTP server, and registration of the app's functions (the SDK
 * registers itself when its serve endpoint receives a `PUT`, as the Inngest dev server would send).
 */
import type { AddressInfo } from "node:net";
import { log } from "../../lib/log";
import { ExecutorEngine, type EngineOptions } from "./engine";
import { createExecutorServer } from "./server";

export { ExecutorEngine } from "./engine";

export interface EmbeddedExecutor {
  url: string;
  engine: ExecutorEngine;
  /** Asks the app to register its functions; resolves when it did. */
  syncApp(appServeUrl: string, options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startExecutor(options: EngineOptions & { port?: number; host?: string } = {}): Promise<EmbeddedExecutor> {
  const engine = new ExecutorEngine(options);
  await engine.start();
  const server = createExecutorServer(engine);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 8288, options.host ?? "127.0.0.1", () => resolve());
    });
  } catch (error) {
    // The port is taken, say: give the scope back rather than drive runs nobody can send events to.
    await engine.stop();
    throw error;
  }
  // Errors after listening (a socket failing) are logged by the server's handlers, never thrown.
  server.on("error", (error) => log.error({ component: "executor", err: error }, "server error"));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    async syncApp(appServeUrl, { timeoutMs = 120_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let lastError = "";
      while (Date.now() < deadline) {
        try {
          const res = await fetch(appServeUrl, { method: "PUT" });
          if (res.ok) return;
          lastError = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
        } catch (error) {
          lastError = (error as Error).message;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`the app at ${appServeUrl} did not register its functions: ${lastError}`);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
    },
  };
}
