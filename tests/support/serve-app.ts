/**
 * Serves the app's real Inngest endpoint (app/api/inngest/route.ts, `serve()` from inngest/next) over real
 * HTTP for tests, adapting Node's request to the Web `Request` the App Router hands route handlers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request) => Promise<Response>;

export async function serveInngestRoute(handlers: { GET: unknown; POST: unknown; PUT: unknown }) {
  const server = http.createServer(async (req, res) => {
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
  return {
    url: `http://127.0.0.1:${port}/api/inngest`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
