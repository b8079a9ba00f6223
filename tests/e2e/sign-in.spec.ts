/**
 * Signing in as a person does it, against the built app: a sign-in link read from the outbox the server writes
 * when it has no mail server, single sign-on through a real OpenID provider started here, the throttle after
 * wrong passwords, and "Sign out everywhere" ending another browser's session. Each test makes its own users
 * (in an organisation of its own), so the demo accounts other specs sign in with are never locked or signed out.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/auth/passwords";
import { latestSignInLink } from "./support/mail";
import { startOidcProvider } from "./support/oidc";
import { atBothWidths } from "./support/portal";

// `npm start` trusts X-Forwarded-For: an address of this spec's own keeps its wrong passwords and link requests
// off the loopback address that the other specs sign in from.
test.use({ extraHTTPHeaders: { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250) + 1}` } });

const PASSWORD = "a long and correct password";

/** A portal user in an organisation of its own, made in the database the server uses (as the CLI would). */
async function createUser(role: "admin" | "clinician" = "clinician") {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const organization = await client.query<{ id: string }>("INSERT INTO organizations (name, updated_at) VALUES ($1, now()) RETURNING id", [
      `Sign-in spec ${randomUUID().slice(0, 8)}`,
    ]);
    const user = await client.query<{ id: string }>(
      "INSERT INTO portal_users (organization_id, email, role, password_hash, name, updated_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id",
      [organization.rows[0].id, email, role, await hashPassword(PASSWORD), "Sign-in Spec"],
    );
    return { email, userId: user.rows[0].id };
  } finally {
    await client.end();
  }
}

async function auditActions(userId: string): Promise<{ action: string; detail: unknown }[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT action, detail FROM audit_events WHERE actor_id = $1 ORDER BY created_at", [userId]);
    return rows;
  } finally {
    await client.end();
  }
}

async function signInWithPassword(page: Page, email: string, password: string, next = "/labs") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the sign-in page offers a password, a sign-in link and single sign-on, at both widths", async ({ page }) => {
  await page.goto("/sign-in");
  await atBothWidths(page, "sign-in", async () => {
    await expect(page.getByRole("heading", { name: "Sign in to Labwise" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Continue with Test identity provider" })).toBeVisible();
    await expect(page.getByText("A session lasts 8 hours from sign-in")).toBeVisible();
  });
});

test("a sign-in link read from the server's outbox signs in and lands on the page asked for", async ({ page, browser }) => {
  const { email, userId } = await createUser();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/patients")}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL("**/sign-in/check-email**");
  await atBothWidths(page, "sign-in-link-sent", async () => {
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await expect(page.getByText("If an account uses the address you entered, a sign-in link is on its way to it.")).toBeVisible();
  });

  const link = await latestSignInLink(email);
  await page.goto(link);
  await page.waitForURL((url) => url.pathname === "/patients");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await auditActions(userId)).toContainEqual({ action: "sign_in", detail: { method: "email_link" } });

  // A link works once: opened again (here in a fresh browser) it says so in plain words.
  const other = await browser.newContext();
  const again = await other.newPage();
  await again.goto(link);
  await again.waitForURL("**/sign-in?error=Verification");
  await atBothWidths(again, "sign-in-link-used", async () => {
    await expect(again.getByText("That sign-in link has expired or has already been used. Ask for a new one below.")).toBeVisible();
  });
  await other.close();
});

test("an address without an account gets the same answer and no mail", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForURL("**/sign-in/check-email**");
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
});

test.describe("single sign-on", () => {
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  test.beforeAll(async ({ baseURL }) => {
    idp = await startOidcProvider({ portalUrl: baseURL!, unverified: [] });
  });
  test.afterAll(async () => {
    await idp?.close();
  });

  /** Through the provider's own login and consent pages, as the user would. */
  async function throughProvider(page: Page, login: string, next: string) {
    // The provider's development pages ask for a web font; this machine has no internet.
    await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
    await page.getByRole("button", { name: "Continue with Test identity provider" }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  }

  test("the provider's e-mail signs in its portal user and lands on the page asked for", async ({ page }) => {
    const { email, userId } = await createUser();
    await throughProvider(page, email.toUpperCase(), "/patients");
    await page.waitForURL((url) => url.pathname === "/patients");
    await page.goto("/account");
    await expect(page.getByText(email, { exact: true })).toBeVisible();
    expect(await auditActions(userId)).toContainEqual({ action: "sign_in", detail: { method: "oidc" } });
  });

  test("an e-mail with no portal user is refused in plain words", async ({ page }) => {
    await throughProvider(page, `stranger-${randomUUID().slice(0, 8)}@example.test`, "/labs");
    await page.waitForURL("**/sign-in?error=AccessDenied");
    await atBothWidths(page, "sign-in-refused", async () => {
      await expect(page.getByText("This account cannot sign in. If you should have access, ask your organisation's administrator.")).toBeVisible();
    });
  });
});

test("after five wrong passwords even the right one is refused, and the refusals are audited", async ({ page }) => {
  const { email, userId } = await createUser();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInWithPassword(page, email, `wrong ${attempt}`);
    await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  }
  await atBothWidths(page, "sign-in-wrong-password");
  await signInWithPassword(page, email, PASSWORD);
  await expect(page.getByText("Too many sign-in attempts. Wait 15 minutes, then try again.")).toBeVisible();
  await atBothWidths(page, "sign-in-throttled");
  const actions = await auditActions(userId);
  expect(actions.filter((row) => row.action === "sign_in_refused").map((row) => row.detail)).toEqual([
    ...Array.from({ length: 5 }, () => ({ method: "password", reason: "wrong_password" })),
    { method: "password", reason: "throttled" },
  ]);
  expect(actions.some((row) => row.action === "sign_in")).toBe(false);
});

async function signedInContext(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, email, PASSWORD);
  await page.waitForURL((url) => url.pathname === "/labs");
  return { context, page };
}

test("Sign out everywhere ends the session in another browser too", async ({ browser }) => {
  const { email } = await createUser();
  const laptop = await signedInContext(browser, email);
  const phone = await signedInContext(browser, email);
  expect((await phone.page.request.get("/api/portal/patients")).status()).toBe(200);

  await laptop.page.getByRole("link", { name: /account/i }).click();
  await laptop.page.waitForURL("**/account");
  await atBothWidths(laptop.page, "account", async () => {
    await expect(laptop.page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(laptop.page.getByText("(8 hours after you signed in)")).toBeVisible();
  });
  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptop.page.waitForURL("**/sign-in?signedOut=everywhere");
  await expect(laptop.page.getByText("You are signed out on every device and browser.")).toBeVisible();

  // The other browser still holds its cookie; the portal no longer honours it.
  expect((await phone.page.request.get("/api/portal/patients")).status()).toBe(401);
  await phone.page.goto("/labs");
  await phone.page.waitForURL("**/sign-in**");
  await expect(phone.page.getByRole("heading", { name: "Sign in to Labwise" })).toBeVisible();

  // Signing in again works at once.
  await signInWithPassword(laptop.page, email, PASSWORD);
  await laptop.page.waitForURL((url) => url.pathname === "/labs");
  await laptop.context.close();
  await phone.context.close();
});
