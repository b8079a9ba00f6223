/** The sign-in throttle as a person meets it: five wrong passwords, then "too many attempts". */
import { expect, test } from "@playwright/test";

// `npm start` trusts X-Forwarded-For (AUTH_TRUST_HOST=true): an address of its own keeps this spec's failures
// off the loopback address that the other specs sign in from.
test.use({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });

test("after five wrong passwords the page says to wait, the same for an e-mail with no account", async ({ page }) => {
  const email = `nobody-${Date.now()}@example.test`;
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(`wrong ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  }
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("wrong 6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many sign-in attempts. Wait 15 minutes, then try again.")).toBeVisible();
});
