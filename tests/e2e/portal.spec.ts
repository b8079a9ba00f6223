import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_DATA_DIR } from "../../playwright.config";

function demoCredentials() {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-credentials.json"), "utf8"));
}

/** Lab-list reads the audit trail holds for a portal user (the test command gives npm start this database). */
async function portalListReads(email: string): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM audit_events a JOIN portal_users u ON u.id::text = a.actor_id
       WHERE a.actor_type = 'portal_user' AND a.action = 'list' AND a.resource_type = 'lab_result' AND u.email = $1`,
      [email],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

test("a clinician signs in with the seeded account, sees the labs page and signs out", async ({ page }) => {
  const demo = demoCredentials();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("E-mail").fill(demo.clinicianEmail);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();

  await page.getByLabel("E-mail").fill(demo.clinicianEmail);
  await page.getByLabel("Password").fill(demo.clinicianPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Lab results" })).toBeVisible();
  await expect(page.getByText(`${demo.clinicianEmail} · clinician`)).toBeVisible();
  // The labs page shows PHI: its read is in the audit trail with the clinician as the actor.
  await expect.poll(() => portalListReads(demo.clinicianEmail)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/labs");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the API reference renders every operation, and pages carry security headers", async ({ page }) => {
  const response = await page.goto("/docs");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByRole("heading", { name: "Labwise API" })).toBeVisible();
  await expect(page.locator("code", { hasText: "/v1/users/{user_id}/labs/upload" })).toBeVisible();
  await expect(page.getByText("Register an uploaded lab and schedule processing")).toBeVisible();
  // What Labwise sends is documented beside what it serves: the webhooks, with their payloads.
  await expect(page.locator("code", { hasText: "webhook: lab.results_ready" })).toBeVisible();
  await expect(page.locator("code", { hasText: "webhook: labResultsComplete" })).toBeVisible();
});
