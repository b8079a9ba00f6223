import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../http/errors";
import { addPortalUser, createOrganization } from "../organizations";
import { authorizePortalUser } from "./authorize-portal-user";
import { ACCOUNT_RULE } from "./sign-in-throttle";

const PASSWORD = "correct horse battery staple";

async function portalUser() {
  const { organization } = await createOrganization({ name: `Clinic ${randomUUID().slice(0, 8)}` });
  const email = `clinician-${randomUUID()}@example.test`;
  await addPortalUser({ organizationId: organization.id, email, role: "clinician", password: PASSWORD });
  return email;
}

const unknownEmail = () => `nobody-${randomUUID()}@example.test`;
/** A request from its own address, as Auth.js hands it to `authorize`, so tests never share an address's count. */
const fromOwnAddress = () => new Request("http://localhost/api/auth/callback/credentials", { headers: { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` } });
const octet = () => Math.floor(Math.random() * 256);

/** What the sign-in page sees: the user, null for a wrong password, or the throttle's code. */
async function signIn(email: string, password: string, request?: Request) {
  try {
    return (await authorizePortalUser({ email, password }, request)) ?? "no match";
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") return "rate_limited";
    throw error;
  }
}

async function fail(email: string, times: number, request?: Request) {
  for (let i = 0; i < times; i++) expect(await signIn(email, "wrong password", request)).toBe("no match");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("portal sign-in throttle", () => {
  it("after five wrong passwords the right one is refused while the account is locked", async () => {
    const email = await portalUser();
    await fail(email, ACCOUNT_RULE.maxFailures);
    expect(await signIn(email, PASSWORD)).toBe("rate_limited");
    expect(await signIn(email.toUpperCase(), PASSWORD)).toBe("rate_limited");
  });

  it("the lock ends after fifteen minutes and the right password works again", async () => {
    const email = await portalUser();
    await fail(email, ACCOUNT_RULE.maxFailures);
    expect(await signIn(email, PASSWORD)).toBe("rate_limited");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + ACCOUNT_RULE.lockMs - 1_000);
    expect(await signIn(email, PASSWORD)).toBe("rate_limited");
    vi.setSystemTime(Date.now() + 2_000);
    expect(await signIn(email, PASSWORD)).toMatchObject({ email });
  });

  it("a correct password starts the account's count again", async () => {
    const email = await portalUser();
    await fail(email, ACCOUNT_RULE.maxFailures - 1);
    expect(await signIn(email, PASSWORD)).toMatchObject({ email });
    await fail(email, ACCOUNT_RULE.maxFailures - 1);
    expect(await signIn(email, PASSWORD)).toMatchObject({ email });
  });

  it("an unknown e-mail is locked out exactly like a real account", async () => {
    const email = unknownEmail();
    await fail(email, ACCOUNT_RULE.maxFailures);
    expect(await signIn(email, "anything")).toBe("rate_limited");
  });

  it("forty parallel guesses get five password checks; the rest are refused", async () => {
    const email = await portalUser();
    const answers = await Promise.all(Array.from({ length: 40 }, () => signIn(email, "wrong password")));
    expect(answers.filter((a) => a === "no match")).toHaveLength(ACCOUNT_RULE.maxFailures);
    expect(answers.filter((a) => a === "rate_limited")).toHaveLength(40 - ACCOUNT_RULE.maxFailures);
  });

  it("twenty failures from one address lock that address out of every account", async () => {
    const request = fromOwnAddress();
    for (let i = 0; i < 5; i++) await fail(unknownEmail(), 4, request);
    const email = await portalUser();
    expect(await signIn(email, PASSWORD, request)).toBe("rate_limited");
    expect(await signIn(email, PASSWORD, fromOwnAddress())).toMatchObject({ email });
  });

  it("an unknown e-mail takes about as long to refuse as a wrong password", async () => {
    const email = await portalUser();
    await signIn(unknownEmail(), "warm up");
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    };
    const known = await median(() => signIn(email, "wrong password"));
    const unknown = await median(() => signIn(unknownEmail(), "wrong password"));
    expect(Math.max(known, unknown) / Math.min(known, unknown)).toBeLessThan(2);
  });
});
