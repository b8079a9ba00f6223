/**
 * A partner integration that does what the API reference asks of one under faults: a request that fails on
 * the network or answers 5xx (or 409 "still being processed", with Retry-After) is sent again with the same
 * Idempotency-Key until it gets an answer. Anything else unexpected fails the test at once.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export interface Answer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each caller reads the fields it asked for
  headers: Headers;
}

/** What a deployment in trouble answers, and a client retries: 502–504, and 409 with Retry-After (the same key still in progress). */
const retried = (answer: Answer) => [502, 503, 504].includes(answer.status) || (answer.status === 409 && answer.headers.has("retry-after"));

export class Partner {
  /** Every answer that was retried, by status, and the requests that failed on the network. */
  readonly trouble = new Map<number | "network", number>();
  private turn = 0;

  constructor(
    private readonly bases: () => string[],
    readonly apiKey: string,
  ) {}

  /** The next app in turn: with several app processes, requests are spread over them as a load balancer would. */
  private base(): string {
    const bases = this.bases();
    return bases[this.turn++ % bases.length];
  }

  async send(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown; want?: number[]; deadlineMs?: number } = {}): Promise<Answer> {
    const want = options.want ?? [200, 201, 202];
    const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": randomUUID(), "x-correlation-id": randomUUID(), ...options.headers };
    const deadline = Date.now() + (options.deadlineMs ?? 180_000);
    for (;;) {
      let answer: Answer | undefined;
      try {
        const res = await fetch(this.base() + path, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        answer = { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
      } catch {
        this.trouble.set("network", (this.trouble.get("network") ?? 0) + 1);
      }
      if (answer && want.includes(answer.status)) return answer;
      if (answer && !retried(answer)) {
        throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      }
      if (answer) this.trouble.set(answer.status, (this.trouble.get(answer.status) ?? 0) + 1);
      if (Date.now() > deadline) {
        throw new Error(`${method} ${path} got no answer in time (last: ${answer ? `${answer.status} ${JSON.stringify(answer.json)}` : "network error"})`);
      }
      await sleep(300);
    }
  }

  /** A member and their bearer token. */
  async member(): Promise<{ userId: string; auth: Record<string, string> }> {
    const { json } = await this.send("POST", "/v1/auth/token", { headers: { "x-api-key": this.apiKey }, body: { external_id: `chaos-${randomUUID()}`, create: true } });
    return { userId: json.data.user_id, auth: { authorization: `Bearer ${json.data.access_token}` } };
  }

  /** Uploads `csv` and registers it as the member's lab; the registration keeps one Idempotency-Key through every retry. */
  async uploadLab(member: { userId: string; auth: Record<string, string> }, csv: string): Promise<string> {
    const body = Buffer.from(csv);
    let fileUrl = "";
    for (;;) {
      const { json } = await this.send("POST", "/v1/uploads", { headers: member.auth, body: { filename: "panel.csv", content_type: "text/csv", size: body.length } });
      const put = await fetch(json.data.upload_url, { method: "PUT", headers: json.data.headers, body }).catch(() => null);
      if (put?.ok) {
        fileUrl = json.data.file_url;
        break;
      }
      await sleep(300);
    }
    const key = randomUUID();
    const { json } = await this.send("POST", `/v1/users/${member.userId}/labs/upload`, { headers: { ...member.auth, "idempotency-key": key }, body: { file_url: fileUrl } });
    return json.data.lab_result_id;
  }

  /** A Lab Results Agent run reporting to `webhookUrl`. */
  async agentRun(webhookUrl: string, labResults: object[]): Promise<string> {
    const { json } = await this.send("POST", "/v1/agents/lab-results", {
      headers: { "x-api-key": this.apiKey },
      body: { webhookUrl, labResults, patient: { age: "61", gender: "male" } },
    });
    return json.runId;
  }

  /** A webhook endpoint of the organisation, subscribed to `events`. */
  async subscribe(url: string, events: string[]): Promise<{ id: string; secret: string }> {
    const { json } = await this.send("POST", "/v1/webhook-endpoints", { headers: { "x-api-key": this.apiKey }, body: { url, events } });
    return { id: json.id, secret: json.secret };
  }
}

/** Polls `check` until it returns a value, or fails with what it last threw. */
export async function until<T>(check: () => Promise<T>, timeoutMs: number, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(everyMs);
  }
}
