/**
 * Serves the app's real Inngest endpoint (app/api/inngest/route.ts, `serve()` from inngest/next) over real
 * HTTP for tests, adapting Node's request to the Web `Request` the App Router hands route handlers.
 * The endpoint registers a configured origin (INNGEST_SERVE_ORIGIN), so the port is chosen and the variable
 * set before the route module is loaded.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request) => Promise<Response>;

type RouteModule = { GET: unknown; POST: unknown; PUT: unknown };

export async function serveInngestRoute(load: () => Promise<RouteModule>) {
  const loaded: { handlers?: RouteModule } = {};
  const server = http.createServer(async (req, res) => {
    const handlers = loaded.handlers;
    if (!handlers) {
      res.writeHead(503).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = `http://${req.headers.host}${req.url}`;
    const handler = handlers[req.method as "GET" | "POST" | "PUT"] as Handler | undefined;
    if (!handler) {
      res.writeHead(405).end();
      return;
    }
    const response = await handler(
      new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  process.env.INNGEST_SERVE_ORIGIN = `http://127.0.0.1:${port}`;
  loaded.handlers = await load();
  return {
    url: `http://127.0.0.1:${port}/api/inngest`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
