/**
 * The embedded executor's HTTP face, on the Inngest dev server's address (127.0.0.1:8288): the SDK sends
 * events to `POST /e/:key`, registers its functions at `POST /fn/register`, and records the steps of a call
 * still in progress at `POST /v1/checkpoint/:run/async`. With keys configured, an event must name the event
 * key, and a registration or checkpoint must carry the hashed signing key, as Inngest requires; anything else
 * is 401, so no other local process can register an app URL, start runs or write their state.
 */
import http from "node:http";
import { isDatabaseUnavailable } from "../../lib/db/unavailable";
import { log } from "../../lib/log";
import { checkpointedSteps } from "./call";
import type { ExecutorEngine } from "./engine";
import { hashedSigningKey, sameSecret } from "./signing";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge(`body larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    // A client that hangs up mid-body: settle, so the handler does not wait forever (a no-op after "end").
    req.on("close", () => reject(new Error("the client closed the request before its body ended")));
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function createExecutorServer(engine: ExecutorEngine): http.Server {
  return http.createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://executor").pathname;
    try {
      if (req.method === "GET" && path === "/health") {
        return send(res, 200, { status: "ok", role: engine.leading ? "leader" : "standby", functions: engine.registeredFunctionIds });
      }
      const eventKey = path.match(/^\/e\/([^/]+)\/?$/)?.[1];
      if (req.method === "POST" && eventKey !== undefined) {
        if (engine.keys && !sameSecret(decodeURIComponent(eventKey), engine.keys.eventKey)) {
          return send(res, 401, { error: "Event key not found", status: 401 });
        }
        const payload = JSON.parse((await readBody(req)) || "null");
        const ids = await engine.ingest(Array.isArray(payload) ? payload : [payload]);
        return send(res, 200, { ids, status: 200 });
      }
      const checkpointRun = path.match(/^\/v1\/checkpoint\/([^/]+)\/async$/)?.[1];
      if (req.method === "POST" && checkpointRun !== undefined) {
        if (!signedBySdk(req, engine)) return send(res, 401, { error: "Unauthorized", status: 401 });
        const body = JSON.parse(await readBody(req));
        const recorded = await engine.checkpoint(decodeURIComponent(checkpointRun), checkpointedSteps(body?.steps));
        return recorded ? send(res, 200, { ok: true }) : send(res, 409, { error: "no such open run", status: 409 });
      }
      if (req.method === "POST" && path === "/fn/register") {
        if (!signedBySdk(req, engine)) return send(res, 401, { error: "Unauthorized", status: 401 });
        const body = JSON.parse(await readBody(req));
        await engine.register(body.url, body.appName ?? "app", body.functions ?? []);
        return send(res, 200, { ok: true, modified: true });
      }
      return send(res, 404, { error: `no route for ${req.method} ${path}` });
    } catch (error) {
      fail(res, error);
    }
  });
}

/** The SDK's API calls carry its hashed signing key as a bearer token. */
function signedBySdk(req: http.IncomingMessage, engine: ExecutorEngine): boolean {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return !engine.keys || sameSecret(bearer, hashedSigningKey(engine.keys.signingKey));
}

/** A malformed request is told what was wrong with it; anything else is logged, never echoed. Never throws. */
function fail(res: http.ServerResponse, error: unknown): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof BodyTooLarge) return send(res, 413, { error: error.message, status: 413 });
    if (error instanceof SyntaxError || error instanceof TypeError || error instanceof URIError) {
      return send(res, 400, { error: (error as Error).message, status: 400 });
    }
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL is restarting, say: the SDK and the app retry an event or a checkpoint that was not stored.
      log.warn({ component: "executor", err: error }, "request answered 503: the database is unavailable");
      res.setHeader("retry-after", "5");
      return send(res, 503, { error: "the database is unavailable; try again shortly", status: 503 });
    }
    log.error({ component: "executor", err: error }, "request failed");
    send(res, 500, { error: "internal error", status: 500 });
  } catch {
    res.destroy();
  }
}
