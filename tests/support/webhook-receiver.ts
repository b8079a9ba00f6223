/**
 * A partner's webhook receiver on loopback, for tests: records every request (path, headers, body) and
 * answers each path by a script of status codes (the last one repeats; 200 when none was set).
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Receipt {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export class WebhookReceiver {
  readonly receipts: Receipt[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url!;
    this.receipts.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
    const script = this.scripts.get(path) ?? [200];
    const status = script.length > 1 ? script.shift()! : script[0];
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : `failing on purpose (${status})`);
  });
  /** `http://127.0.0.1:<port>` once started. */
  url = "";

  /** Listens on `port` (any free one by default; a stopped receiver can come back on its old port). */
  async start(port = 0) {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A fresh path answering `statuses` in turn. */
  route(...statuses: number[]): string {
    const path = `/hooks/${randomUUID()}`;
    this.scripts.set(path, statuses.length ? statuses : [200]);
    return path;
  }

  answer(path: string, ...statuses: number[]) {
    this.scripts.set(path, statuses);
  }

  at(path: string): Receipt[] {
    return this.receipts.filter((r) => r.path === path);
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
