import { describe, expect, it } from "vitest";
import { assertDeliverableUrl, blockedAddressKind, UrlNotAllowedError, type ResolvedAddress } from "./url-guard";

const none = { allowedHosts: [] as string[] };

/** DNS for names that do not exist here: the one thing these tests stand in for. */
function resolver(answers: Record<string, string[]>) {
  return async (hostname: string): Promise<ResolvedAddress[]> => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

async function refusal(url: string, options: Parameters<typeof assertDeliverableUrl>[1] = none) {
  try {
    await assertDeliverableUrl(url, options);
  } catch (error) {
    if (error instanceof UrlNotAllowedError) return { reason: error.reason, message: error.message };
    throw error;
  }
  return null;
}

describe("assertDeliverableUrl refuses addresses inside the platform's network", () => {
  it.each([
    ["https://127.0.0.1/hook", "loopback"],
    ["https://127.1.2.3/hook", "loopback"],
    ["https://2130706433/hook", "loopback"], // 127.0.0.1 as one decimal number
    ["https://0x7f.1/hook", "loopback"], // hexadecimal shorthand
    ["https://017700000001/hook", "loopback"], // octal
    ["https://0.0.0.0/hook", "unspecified"],
    ["https://10.0.0.1/hook", "private"],
    ["https://172.16.5.4/hook", "private"],
    ["https://172.31.255.255/hook", "private"],
    ["https://192.168.1.1/hook", "private"],
    ["https://169.254.169.254/latest/meta-data/", "link-local"],
    ["https://100.64.0.1/hook", "carrier-grade NAT"],
    ["https://100.127.255.254/hook", "carrier-grade NAT"],
    ["https://224.0.0.1/hook", "multicast"],
    ["https://255.255.255.255/hook", "reserved"],
    ["https://198.18.0.1/hook", "reserved"],
    ["https://[::1]/hook", "loopback"],
    ["https://[::]/hook", "unspecified"],
    ["https://[fe80::1]/hook", "link-local"],
    ["https://[febf:ffff::1]/hook", "link-local"],
    ["https://[fc00::1]/hook", "unique-local"],
    ["https://[fd12:3456:789a::1]/hook", "unique-local"],
    ["https://[ff02::1]/hook", "multicast"],
    ["https://[::ffff:127.0.0.1]/hook", "loopback"], // IPv4-mapped
    ["https://[::ffff:a00:1]/hook", "private"], // IPv4-mapped, hex form of 10.0.0.1
    ["https://[::ffff:169.254.169.254]/hook", "link-local"],
    ["https://[0:0:0:0:0:ffff:c0a8:101]/hook", "private"], // 192.168.1.1, long form
    ["https://[::127.0.0.1]/hook", "reserved"], // IPv4-compatible (deprecated)
    ["https://[64:ff9b::a00:1]/hook", "reserved"], // NAT64 of 10.0.0.1
    ["https://[2002:7f00:1::]/hook", "reserved"], // 6to4 of 127.0.0.1
  ])("%s (%s)", async (url, kind) => {
    const refused = await refusal(url);
    expect(refused?.reason).toBe("blocked_address");
    expect(refused?.message).toContain(`a ${kind}`);
  });

  it.each([
    "https://93.184.216.34/hook",
    "https://8.8.8.8:8443/hook?x=1",
    "https://172.32.0.1/hook",
    "https://100.128.0.1/hook",
    "https://169.255.0.1/hook",
    "https://[2606:4700:4700::1111]/hook",
    "https://[::ffff:8.8.8.8]/hook",
  ])("accepts the public address in %s", async (url) => {
    expect(await refusal(url)).toBeNull();
  });

  it("checks every address a name resolves to, and names the host in the message", async () => {
    const resolve = resolver({
      "hooks.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
      "rebind.example.com": ["93.184.216.34", "10.0.0.1"],
      "metadata.example.com": ["169.254.169.254"],
      "mapped.example.com": ["::ffff:192.168.0.1"],
    });
    const ok = await assertDeliverableUrl("https://hooks.example.com/webhooks", { ...none, resolve });
    expect(ok.hostname).toBe("hooks.example.com");
    expect(ok.addresses.map((a) => a.address)).toEqual(["93.184.216.34", "2606:2800:220:1::1"]);
    expect(await refusal("https://rebind.example.com/", { ...none, resolve })).toMatchObject({
      reason: "blocked_address",
      message: expect.stringContaining("10.0.0.1 (rebind.example.com resolves to it)"),
    });
    expect((await refusal("https://metadata.example.com/", { ...none, resolve }))?.message).toMatch(/169\.254\.169\.254.*link-local/);
    expect((await refusal("https://mapped.example.com/", { ...none, resolve }))?.reason).toBe("blocked_address");
    expect(await refusal("https://nowhere.example.com/", { ...none, resolve })).toMatchObject({ reason: "unresolvable", message: expect.stringContaining("ENOTFOUND") });
  });

  it("refuses localhost through the system resolver", async () => {
    expect((await refusal("https://localhost:3000/hook"))?.reason).toBe("blocked_address");
  });
});

describe("assertDeliverableUrl checks the URL itself", () => {
  it.each([
    ["http://8.8.8.8/hook", "scheme", /must use https/],
    ["ftp://8.8.8.8/hook", "scheme", /must use https/],
    ["file:///etc/passwd", "scheme", /must use https/],
    ["not a url", "invalid_url", /not a valid URL/],
    ["/relative/path", "invalid_url", /not a valid URL/],
    ["https://user:secret@8.8.8.8/hook", "credentials", /user name or password/],
  ])("%s → %s", async (url, reason, message) => {
    const refused = await refusal(url);
    expect(refused?.reason).toBe(reason);
    expect(refused?.message).toMatch(message);
  });

  it("is an AppError the HTTP surfaces render as a validation error", async () => {
    await expect(assertDeliverableUrl("http://8.8.8.8/", none)).rejects.toMatchObject({ code: "VALIDATION_ERROR", status: 400 });
  });
});

describe("WEBHOOK_ALLOWED_HOSTS", () => {
  it("lets an allowlisted address through, over http too, in IPv4 and mapped form", async () => {
    const options = { allowedHosts: ["127.0.0.1"] };
    expect(await refusal("http://127.0.0.1:8080/hook", options)).toBeNull();
    expect(await refusal("https://127.0.0.1/hook", options)).toBeNull();
    expect(await refusal("http://[::ffff:127.0.0.1]:8080/hook", options)).toBeNull();
    expect((await refusal("https://127.0.0.2/hook", options))?.reason).toBe("blocked_address");
    expect((await refusal("http://127.0.0.2/hook", options))?.reason).toBe("scheme");
    expect((await refusal("https://[::1]/hook", options))?.reason).toBe("blocked_address");
  });

  it("takes CIDR ranges, IPv6 included", async () => {
    const resolve = resolver({ "billing.corp": ["10.9.9.9"] });
    const options = { allowedHosts: ["10.0.0.0/8", "fd00::/8"], resolve };
    expect(await refusal("https://10.1.2.3/hook", options)).toBeNull();
    expect(await refusal("https://billing.corp/hook", options)).toBeNull();
    expect(await refusal("https://[fd00::1]/hook", options)).toBeNull();
    expect((await refusal("https://[fc00::1]/hook", options))?.reason).toBe("blocked_address");
    expect((await refusal("https://192.168.0.1/hook", options))?.reason).toBe("blocked_address");
  });

  it("takes host names, whatever they resolve to", async () => {
    const resolve = resolver({ "hooks.internal": ["10.0.0.5"], "other.internal": ["10.0.0.6"] });
    const options = { allowedHosts: ["Hooks.Internal."], resolve };
    expect(await refusal("http://hooks.internal/hook", options)).toBeNull();
    expect((await refusal("https://other.internal/hook", options))?.reason).toBe("blocked_address");
  });

  it("refuses a malformed range rather than guessing", async () => {
    await expect(assertDeliverableUrl("https://8.8.8.8/", { allowedHosts: ["10.0.0.0/33"] })).rejects.toThrow(/not a CIDR range/);
  });
});

describe("blockedAddressKind", () => {
  it("names what kind of address it is, or null for a public one", () => {
    expect(blockedAddressKind("169.254.169.254")).toMatch(/link-local/);
    expect(blockedAddressKind("::ffff:10.0.0.1")).toBe("private");
    expect(blockedAddressKind("1.1.1.1")).toBeNull();
    expect(blockedAddressKind("2a00:1450:4001::200e")).toBeNull();
    expect(() => blockedAddressKind("example.com")).toThrow(TypeError);
  });
});
