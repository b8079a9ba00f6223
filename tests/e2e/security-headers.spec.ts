/** The portal's Content-Security-Policy in a real browser: scripts run only with the response's nonce. */
import { expect, test } from "@playwright/test";
import { E2E_SEED_API_KEY } from "../../playwright.config";

// Its own client address for the sign-in throttle (npm start trusts X-Forwarded-For), so reruns never lock out
// the loopback address the portal spec signs in from.
test.use({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

test("the sign-in page carries a nonce-based CSP, every script has that nonce, and the form still works", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));

  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const scriptSrc = directive(csp, "script-src");
  const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
  expect(nonce, `script-src: ${scriptSrc}`).toBeTruthy();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The e2e server's public address is http://localhost, where HSTS would be wrong.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Every script the server wrote carries this response's nonce. Chunks Next's runtime inserts later need
  // none: 'strict-dynamic' trusts what a nonced script loads (and any violation would be logged, below).
  const served = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((tag) => tag[0].match(/\bnonce="([^"]*)"/)?.[1]);
  expect(served.length).toBeGreaterThan(0);
  expect(served.every((n) => n === nonce)).toBe(true);

  // Next.js's own scripts ran (they announce themselves on window.next), so the nonce reached them.
  await expect.poll(() => page.evaluate(() => (window as unknown as { next?: { appDir?: boolean } }).next?.appDir)).toBe(true);

  // And the form works: a wrong password goes through the server action and comes back with the message.
  await page.getByLabel("E-mail").fill(`nobody-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  expect(violations).toEqual([]);
});

test("each page load gets a fresh nonce", async ({ request }) => {
  const nonceOf = async () => (await request.get("/sign-in")).headers()["content-security-policy"].match(/'nonce-([^']+)'/)?.[1];
  const [a, b] = [await nonceOf(), await nonceOf()];
  expect(a).toBeTruthy();
  expect(a).not.toBe(b);
});

test("a script injected into the page's HTML does not run", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // What a stored or reflected XSS would do: an inline <script> in the served HTML, headers unchanged.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body });
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations.length).toBeGreaterThan(0);
});

test("the API keeps its security headers without the page proxy", async ({ request }) => {
  const health = await request.get("/health");
  expect(health.status()).toBe(200);
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  expect(health.headers()["content-security-policy"]).toContain("default-src 'none'");

  const diagnostics = await request.get("/v1/diagnostics/auth", { headers: { "X-Api-Key": E2E_SEED_API_KEY } });
  expect(diagnostics.status()).toBe(204);
  expect(diagnostics.headers()["x-frame-options"]).toBe("DENY");
  expect(diagnostics.headers()["content-security-policy"]).not.toContain("nonce-");

  const openapi = await request.get("/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(openapi.headers()["x-content-type-options"]).toBe("nosniff");
});
