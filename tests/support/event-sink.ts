/**
 * A stand-in for the Inngest server's event API (`POST /e/:key`), for tests of code that sends events.
 * The real server cannot run here (DESIGN §3); the real Inngest SDK client still makes the HTTP call.
 * `GET /events` lists what was received, so tests can assert on it.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";

export interface ReceivedEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
}

export async function startEventSink(): Promise<{ url: string; close(): Promise<void> }> {
  const events: ReceivedEvent[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.startsWith("/e/")) {
        const payload = JSON.parse(body);
        const sent = (Array.isArray(payload) ? payload : [payload]).map((e) => ({ ...e, id: e.id ?? randomUUID() }));
        events.push(...sent);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ids: sent.map((e) => e.id), status: 200 }));
      } else if (req.method === "GET" && req.url === "/events") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(events));
      } else {
        res.writeHead(req.url === "/health" ? 200 : 404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
