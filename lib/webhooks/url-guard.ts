/**
 * The SSRF guard for webhook URLs (DESIGN §5.5): a partner-supplied URL must not make the platform call into
 * its own network. https only; the host's addresses are resolved and every one must be publicly routable —
 * not private, loopback, link-local (169.254.169.254 is the cloud metadata service), unique-local, CGNAT,
 * multicast, reserved, or the IPv4-mapped/compatible IPv6 form of any of those — unless the deployment
 * allowlists the host, address or range in WEBHOOK_ALLOWED_HOSTS (which also permits plain http).
 *
 * Ranges follow the IANA special-purpose address registries (RFC 6890). Matching uses Node's `net.BlockList`,
 * which also matches `::ffff:a.b.c.d` against IPv4 ranges, so no address parsing is hand-rolled here. The
 * caller connects to the addresses returned (./http-post.ts pins them), never resolving the name again, so a
 * DNS answer that changes between check and connect (rebinding) cannot redirect the request.
 */
import { lookup } from "node:dns/promises";
import net from "node:net";
import { AppError } from "../http/errors";
import { webhookSettings } from "./config";

export type UrlRefusal = "invalid_url" | "scheme" | "credentials" | "unresolvable" | "blocked_address";

/** A webhook URL the platform will not deliver to, with a message that says why in words a partner can act on. */
export class UrlNotAllowedError extends AppError {
  readonly reason: UrlRefusal;

  constructor(reason: UrlRefusal, message: string) {
    super("VALIDATION_ERROR", message);
    this.name = "UrlNotAllowedError";
    this.reason = reason;
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface DeliverableTarget {
  url: URL;
  /** The host as it goes on the wire and in TLS SNI: without IPv6 brackets. */
  hostname: string;
  /** What the host resolved to, all checked: connect to these, do not resolve again. */
  addresses: ResolvedAddress[];
}

export interface GuardOptions {
  /** Entries as in WEBHOOK_ALLOWED_HOSTS; default: read from the environment. */
  allowedHosts?: string[];
  /** DNS resolution (every address of the name); default `dns.lookup(…, { all: true })`. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

type Range = [address: string, prefix: number];

/** Non-public ranges, by what a partner would call them. The first match names the refusal. */
const BLOCKED: { label: string; v4: Range[]; v6: Range[] }[] = [
  { label: "loopback", v4: [["127.0.0.0", 8]], v6: [["::1", 128]] },
  { label: "unspecified (“this network”)", v4: [["0.0.0.0", 8]], v6: [["::", 128]] },
  { label: "private", v4: [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16]], v6: [] },
  { label: "link-local (including the cloud metadata service)", v4: [["169.254.0.0", 16]], v6: [["fe80::", 10]] },
  { label: "unique-local", v4: [], v6: [["fc00::", 7]] },
  { label: "carrier-grade NAT", v4: [["100.64.0.0", 10]], v6: [] },
  { label: "multicast", v4: [["224.0.0.0", 4]], v6: [["ff00::", 8]] },
  {
    label: "reserved or special-purpose",
    v4: [
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.88.99.0", 24],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["240.0.0.0", 4], // includes 255.255.255.255
    ],
    v6: [
      ["::", 96], // IPv4-compatible (deprecated), e.g. ::127.0.0.1
      ["64:ff9b::", 96], // NAT64, which can embed any IPv4 address
      ["64:ff9b:1::", 48],
      ["100::", 64],
      ["2001::", 32], // Teredo
      ["2001:db8::", 32],
      ["2002::", 16], // 6to4, which can embed any IPv4 address
      ["fec0::", 10], // site-local (deprecated)
    ],
  },
];

const BLOCK_LISTS = BLOCKED.map(({ label, v4, v6 }) => {
  const list = new net.BlockList();
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, "ipv4");
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, "ipv6");
  return { label, list };
});

/** What kind of non-public address this is, or null when it is publicly routable. */
export function blockedAddressKind(address: string): string | null {
  const family = net.isIP(address);
  if (!family) throw new TypeError(`${address} is not an IP address`);
  const type = family === 4 ? "ipv4" : "ipv6";
  return BLOCK_LISTS.find(({ list }) => list.check(address, type))?.label ?? null;
}

interface Allowlist {
  names: Set<string>;
  addresses: net.BlockList;
}

const normalizeHost = (host: string) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");

function parseAllowlist(entries: string[]): Allowlist {
  const allowlist: Allowlist = { names: new Set(), addresses: new net.BlockList() };
  for (const raw of entries) {
    const entry = normalizeHost(raw);
    if (!entry) continue;
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    if (prefix !== undefined) {
      const bits = Number(prefix);
      if (!family || !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
        throw new Error(`WEBHOOK_ALLOWED_HOSTS: "${raw}" is not a CIDR range`);
      }
      allowlist.addresses.addSubnet(address, bits, family === 4 ? "ipv4" : "ipv6");
    } else if (family) {
      allowlist.addresses.addAddress(address, family === 4 ? "ipv4" : "ipv6");
    } else {
      allowlist.names.add(entry);
    }
  }
  return allowlist;
}

const isAllowlistedAddress = (allowlist: Allowlist, address: string) =>
  allowlist.addresses.check(address, net.isIP(address) === 4 ? "ipv4" : "ipv6");

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/**
 * The checks that need no DNS: a parseable absolute URL, https (or http to an allowlisted host), no
 * credentials in it. Cheap enough to run inside a transaction.
 */
export function parseWebhookUrl(url: string, options: Pick<GuardOptions, "allowedHosts"> = {}): { url: URL; hostname: string; allowlisted: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UrlNotAllowedError("invalid_url", `"${url}" is not a valid URL`);
  }
  const allowlist = parseAllowlist(options.allowedHosts ?? webhookSettings().allowedHosts);
  const hostname = normalizeHost(parsed.hostname);
  const allowlisted = allowlist.names.has(hostname) || (net.isIP(hostname) !== 0 && isAllowlistedAddress(allowlist, hostname));
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && allowlisted)) {
    throw new UrlNotAllowedError("scheme", `webhook URLs must use https (got ${parsed.protocol.replace(/:$/, "")}: ${parsed.origin})`);
  }
  if (parsed.username || parsed.password) {
    throw new UrlNotAllowedError("credentials", "webhook URLs must not contain a user name or password; authenticate with the signature instead");
  }
  return { url: parsed, hostname, allowlisted };
}

/**
 * Checks a webhook URL and resolves its host; throws `UrlNotAllowedError` when the platform must not deliver
 * there. Every resolved address must pass (a name answering one public and one private address is refused),
 * so the addresses returned are all safe to connect to.
 */
export async function assertDeliverableUrl(url: string, options: GuardOptions = {}): Promise<DeliverableTarget> {
  const allowedHosts = options.allowedHosts ?? webhookSettings().allowedHosts;
  const target = parseWebhookUrl(url, { allowedHosts });
  const allowlist = parseAllowlist(allowedHosts);
  let addresses: ResolvedAddress[];
  const literal = net.isIP(target.hostname);
  if (literal) {
    addresses = [{ address: target.hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(target.hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UrlNotAllowedError("unresolvable", `the host ${target.hostname} could not be resolved${code ? ` (${code})` : ""}`);
    }
    if (!addresses.length) throw new UrlNotAllowedError("unresolvable", `the host ${target.hostname} has no addresses`);
  }
  if (!allowlist.names.has(target.hostname)) {
    for (const { address } of addresses) {
      const kind = blockedAddressKind(address);
      if (kind && !isAllowlistedAddress(allowlist, address)) {
        const via = literal ? "" : ` (${target.hostname} resolves to it)`;
        throw new UrlNotAllowedError(
          "blocked_address",
          `webhooks cannot be delivered to ${address}${via}: it is a ${kind} address, not reachable from the internet`,
        );
      }
    }
  }
  return { url: target.url, hostname: target.hostname, addresses };
}
