/**
 * One webhook attempt on the wire: checks the URL (./url-guard.ts), then POSTs to the very addresses that
 * were checked — the request's `lookup` is pinned to them, so the name is not resolved a second time — with
 * TLS still verified against the host name. Redirects are not followed (a 3xx is a failed attempt: following
 * one would let a receiver point us anywhere). Never throws: every outcome is an `AttemptResult` to record.
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { assertDeliverableUrl, UrlNotAllowedError, type GuardOptions, type ResolvedAddress } from "./url-guard";

/** How much of a response body is kept with the attempt. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  /** The URL is refused by policy (not a transient failure): retrying the same URL cannot succeed. */
  refused: boolean;
}

export const USER_AGENT = "Labwise-Webhooks/1";

function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    if (!usable.length) {
      callback(Object.assign(new Error(`no IPv${options.family} address was checked for this host`), { code: "ENOTFOUND" }), []);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

/** Node's error codes in words a partner reads in the delivery log. */
function describeError(error: NodeJS.ErrnoException, timeoutMs: number): string {
  if (error.name === "TimeoutError" || error.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  const words: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset by the receiver",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "DNS lookup failed temporarily",
    CERT_HAS_EXPIRED: "the receiver's TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "the receiver's TLS certificate is self-signed",
    ERR_TLS_CERT_ALTNAME_INVALID: "the receiver's TLS certificate does not match its host name",
  };
  return (error.code && words[error.code]) || error.message || String(error.code ?? error);
}

/** Keeps the excerpt storable as PostgreSQL text (no NUL) and within the limit. */
function excerpt(chunks: Buffer[]): string | null {
  if (!chunks.length) return null;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES));
  return text.replaceAll("\u0000", "");
}

/** POSTs `body` with `headers` (plus content type, length and user agent) and reports what happened. */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: GuardOptions & { timeoutMs: number },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failure = (error: string, refused = false, statusCode: number | null = null, responseExcerpt: string | null = null): AttemptResult => ({
    ok: false,
    statusCode,
    latencyMs: elapsed(),
    responseExcerpt,
    error,
    refused,
  });

  let target;
  try {
    target = await assertDeliverableUrl(url, options);
  } catch (error) {
    if (error instanceof UrlNotAllowedError) return failure(error.message, error.reason !== "unresolvable");
    return failure((error as Error).message);
  }

  const signal = AbortSignal.timeout(options.timeoutMs);
  const payload = Buffer.from(body);
  const transport = target.url.protocol === "https:" ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = transport.request(
      {
        method: "POST",
        protocol: target.url.protocol,
        hostname: target.hostname,
        port: target.url.port || undefined,
        path: `${target.url.pathname}${target.url.search}`,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(payload.length),
          "user-agent": USER_AGENT,
        },
        lookup: pinnedLookup(target.addresses),
        agent: false,
        signal,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          const ok = statusCode >= 200 && statusCode < 300;
          let error: string | null = null;
          if (statusCode >= 300 && statusCode < 400) {
            const location = response.headers.location;
            error = `HTTP ${statusCode}: redirects are not followed${location ? ` (Location: ${location})` : ""}`;
          } else if (!ok) {
            error = `HTTP ${statusCode}`;
          }
          settle({ ok, statusCode, latencyMs: elapsed(), responseExcerpt: excerpt(chunks), error, refused: false });
          response.destroy();
        };
        response.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_EXCERPT_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
          // Enough to record; the status is known, so the rest of a large body is not waited for.
          if (kept >= RESPONSE_EXCERPT_BYTES) finish();
        });
        response.on("end", finish);
        response.on("error", finish);
        response.on("close", finish);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => settle(failure(describeError(signal.aborted ? (signal.reason as NodeJS.ErrnoException) : error, options.timeoutMs))));
    request.end(payload);
  });
}
