import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook, RESPONSE_EXCERPT_BYTES } from "./http-post";

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
    if (req.url === "/redirect") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    else if (req.url === "/large") res.writeHead(200).end("é".repeat(4000));
    else if (req.url === "/hang") return; // never answers
    else if (req.url === "/error") res.writeHead(503).end("\u0000busy");
    else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowedHosts: ["127.0.0.1"], timeoutMs: 2000 };

describe("postWebhook", () => {
  it("POSTs JSON with the given headers, its user agent and the length", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/ok?x=1`, '{"a":1}', { "webhook-id": "msg_1" }, local);
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null, refused: false, responseExcerpt: null });
    const request = seen.find((s) => s.path === "/ok?x=1")!;
    expect(request.body).toBe('{"a":1}');
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "content-length": "7",
      "user-agent": "Labwise-Webhooks/1",
      "webhook-id": "msg_1",
    });
  });

  it("connects to the address that was checked, not to a second DNS answer", async () => {
    // receiver.test exists in no DNS: the request can only have reached the server through the checked
    // address handed to the connection, while Host still names the host.
    const resolve = async () => [{ address: "127.0.0.1", family: 4 as const }];
    const result = await postWebhook(`http://receiver.test:${port}/pinned`, "{}", {}, { allowedHosts: ["receiver.test"], timeoutMs: 2000, resolve });
    expect(result.ok).toBe(true);
    expect(seen.find((s) => s.path === "/pinned")?.headers.host).toBe(`receiver.test:${port}`);
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/redirect`, "{}", {}, local);
    expect(result).toMatchObject({ ok: false, statusCode: 302, refused: false });
    expect(result.error).toBe("HTTP 302: redirects are not followed (Location: http://169.254.169.254/latest/meta-data/)");
  });

  it("keeps the first kilobyte of the response, storable as text", async () => {
    const large = await postWebhook(`http://127.0.0.1:${port}/large`, "{}", {}, local);
    expect(large.ok).toBe(true);
    expect(Buffer.byteLength(large.responseExcerpt!)).toBeLessThanOrEqual(RESPONSE_EXCERPT_BYTES + 3);
    expect(large.responseExcerpt!.startsWith("éé")).toBe(true);
    const error = await postWebhook(`http://127.0.0.1:${port}/error`, "{}", {}, local);
    expect(error).toMatchObject({ ok: false, statusCode: 503, error: "HTTP 503", responseExcerpt: "busy" });
  });

  it("gives up after the timeout", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/hang`, "{}", {}, { ...local, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: "timed out after 200 ms", refused: false });
    expect(result.latencyMs).toBeGreaterThanOrEqual(190);
  });

  it("reports a refused connection as a failure to retry", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await postWebhook(`http://127.0.0.1:${closedPort}/`, "{}", {}, local);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: "connection refused", refused: false });
  });

  it("sends nothing to a URL the guard refuses, and says it is refused for good", async () => {
    const before = seen.length;
    const result = await postWebhook(`http://127.0.0.1:${port}/ok`, "{}", {}, { allowedHosts: [], timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, refused: true, statusCode: null });
    expect(result.error).toMatch(/https/);
    expect(seen.length).toBe(before);
  });
});
