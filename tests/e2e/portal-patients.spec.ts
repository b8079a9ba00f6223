/**
 * The patients pages in a browser, against the production build: finding a patient by name and by external
 * id, their labs and trend charts (reference band, abnormal marker), choosing the analytes charted (kept in the
 * URL), the no-match state, and 404 for another organisation's or an unknown patient; axe and screenshots at
 * 1280 and 390 px.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { atBothWidths, labViaApi, signIn } from "./support/portal";

const HEADER = "Test,Result,Unit,Reference Range,Date\n";
const LABS = [
  `${HEADER}Sodium,138,mmol/L,135-145,2026-01-10\nPotassium,4.1,mmol/L,3.5-5.1,2026-01-10\n`,
  `${HEADER}Sodium,139,mmol/L,135-145,2026-02-10\nPotassium,4.4,mmol/L,3.5-5.1,2026-02-10\nGlucose,5.1,mmol/L,3.9-5.5,2026-02-10\n`,
  `${HEADER}Sodium,128,mmol/L,135-145,2026-03-10\nPotassium,5.6,mmol/L,3.5-5.1,2026-03-10\n`,
];

/**
 * No part of the page is wider than the viewport (a 390 px phone must not scroll sideways). After a change of
 * width the charts re-measure on their ResizeObserver's next callback, so the layout is awaited (an overflow
 * that stays still fails, after the expect timeout).
 */
async function expectNoHorizontalOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** A patient in an organisation of its own, straight in the database the server uses. */
async function foreignPatientId(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const org = await client.query("INSERT INTO organizations (name, updated_at) VALUES ($1, now()) RETURNING id", [`Elsewhere ${randomUUID().slice(0, 8)}`]);
    const member = await client.query("INSERT INTO members (organization_id, display_name, external_id) VALUES ($1, 'Someone Elsewhere', $2) RETURNING id", [
      org.rows[0].id,
      `else-${randomUUID()}`,
    ]);
    return member.rows[0].id;
  } finally {
    await client.end();
  }
}

test("a clinician finds a patient by name and by external id and reads their labs and trend charts", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const externalId = `TREND-${tag}`;
  const name = `Trendy Patient ${tag}`;
  const labs = [];
  for (const [i, content] of LABS.entries()) labs.push(await labViaApi(request, { content, externalId, name, filename: `chem-${i + 1}.csv` }));
  expect(labs.map((lab) => lab.status)).toEqual(["ready", "ready", "ready"]);
  const patientId = labs[0].patientId;

  await signIn(page, "clinician", "/patients");
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  const search = page.getByLabel("Search patients");

  await search.fill(`trendy patient ${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=trendy`));
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Trendy Patient" })).toHaveCount(1);

  await search.fill(externalId.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`q=${externalId.toLowerCase()}`));
  const row = page.getByRole("link", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(externalId);
  await expect(row).toContainText("3 labs");
  await atBothWidths(page, "patients-search", async () => {
    await expect(row).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/patients/${patientId}`));
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const labLinks = page.getByRole("region", { name: "Labs" }).getByRole("link");
  await expect(labLinks).toHaveCount(3);
  for (const lab of labs) await expect(page.locator(`a[href="/labs/${lab.labId}"]`).first()).toBeAttached();

  // Sodium and potassium have a trend and an abnormal value: charted by default. Glucose has one normal value.
  const sodium = page.getByRole("figure", { name: /Sodium/ });
  await expect(sodium.locator('[data-testid="trend-chart"] svg.recharts-surface')).toBeVisible();
  await expect(sodium.locator(".recharts-reference-area")).toHaveCount(1);
  await expect(sodium.locator('[data-testid="trend-chart"] [data-marker="abnormal"][data-flag="Low"]')).toHaveCount(1);
  await expect(sodium.locator('[data-testid="trend-chart"] [data-marker="normal"]')).toHaveCount(2);
  await expect(sodium).toContainText("3 results; latest 128 mmol/L (Low)");
  await sodium.getByText("Data table").click();
  await expect(sodium.getByRole("table")).toContainText("10 Mar 2026");
  await expect(sodium.getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("figure", { name: /Potassium/ }).locator('[data-marker="abnormal"][data-flag="High"]')).toHaveCount(1);
  await expect(page.getByRole("figure", { name: /Glucose/ })).toHaveCount(0);

  const glucose = page.getByRole("checkbox", { name: /Glucose/ });
  await expect(glucose).not.toBeChecked();
  await glucose.check();
  await expect(page.getByRole("figure", { name: /Glucose/ })).toContainText("One result: 91.88 mg/dL");
  await expect(page.getByRole("figure", { name: /Glucose/ })).toContainText("Reported as 5.1 mmol/L");
  await expect(page).toHaveURL(/analytes=[^&]*glucose/);
  await page.getByRole("checkbox", { name: /Sodium/ }).uncheck();
  await expect(page.getByRole("figure", { name: /Sodium/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("figure", { name: /Glucose/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Sodium/ })).toHaveCount(0);
  await page.getByRole("checkbox", { name: /Sodium/ }).check();

  await atBothWidths(page, "patient", async () => {
    await expect(page.getByRole("figure", { name: /Sodium/ }).locator("svg.recharts-surface")).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});

test("a search that matches nobody says so and offers to clear it", async ({ page }) => {
  await signIn(page, "clinician", `/patients?q=nobody-${randomUUID().slice(0, 8)}`);
  await expect(page.getByText(/No patient’s name or external ID contains/)).toBeVisible();
  await atBothWidths(page, "patients-no-match", () => expectNoHorizontalOverflow(page));
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByRole("list").first()).toBeVisible();
});

test("another organisation's patient, an unknown id and a malformed id are not found", async ({ page }) => {
  await signIn(page, "clinician", "/patients");
  for (const id of [await foreignPatientId(), randomUUID(), "not-a-uuid"]) {
    const response = await page.goto(`/patients/${id}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByText("Someone Elsewhere")).toHaveCount(0);
  }
});
