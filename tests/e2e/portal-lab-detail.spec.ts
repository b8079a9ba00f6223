/**
 * The lab detail page (`/labs/{id}`) in a browser against the production build: a clinician reads a ready
 * lab (critical banner, range bars, findings, both texts with their linked sources, downloads, copy), a
 * failed lab with its reason and a re-run, a lab that finishes while it is open, and the 404 of a lab that
 * is not the clinician's to see. axe at 1280 and 390 px on each state.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { atBothWidths, demoCredentials, labViaApi, screenshot, signIn } from "./support/portal";

const CSV =
  "Test,Result,Unit,Reference Range,Flag\nSodium,128,mmol/L,135-145,L\nPotassium,6.8,mmol/L,3.5-5.1,HH\nChloride,100,mmol/L,98-107,\n" +
  "Bicarbonate,24,mmol/L,22-29,\nCreatinine,1.8,mg/dL,0.7-1.3,H\nGlucose,250,mg/dL,70-99,H\nHemoglobin,13.5,g/dL,12.0-16.0,\nLDL Cholesterol,160,mg/dL,<100,H\n";

// axe over a full lab at two widths, twice, on two CPU cores shared with other builds.
test.describe.configure({ timeout: 120_000 });

/** SQL against the database `npm start` was given, for states the API cannot hold still (a lab mid-run, another organisation). */
async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function demoOrganizationId(): Promise<string> {
  const [row] = await sql<{ organization_id: string }>("SELECT organization_id FROM portal_users WHERE email = $1", [demoCredentials().clinicianEmail]);
  return row.organization_id;
}

test("a clinician reads a culture report: a Microbiology card with the antibiotics tested, no empty results table, readable at 390 px", async ({ page, request }) => {
  const hl7 = await readFile(path.join(import.meta.dirname, "../fixtures/microbiology/NIST-ELR-004-shigella-susceptibility.hl7"));
  const lab = await labViaApi(request, { content: hl7, contentType: "application/hl7-v2", filename: "culture.hl7", externalId: `e2e-micro-${randomUUID()}`, name: "Grace Hopper" });
  expect(lab.status).toBe("ready");
  await signIn(page, "clinician", `/labs/${lab.labId}`);

  const section = page.getByRole("region", { name: "Microbiology" });
  await expect(section.getByRole("heading", { level: 3 })).toContainText("Shigella flexneri");
  await expect(section).toContainText("Stool specimen");
  const table = section.getByRole("table", { name: "Antibiotics tested against Shigella flexneri" });
  await expect(table.getByRole("row", { name: /Ciprofloxacin/ })).toContainText("<=0.06");
  await expect(table.getByRole("row", { name: /Ciprofloxacin/ })).toContainText("Susceptible");
  await expect(table.getByRole("row", { name: /Trimethoprim/ })).toContainText("8/152");
  await expect(table.getByRole("row", { name: /Trimethoprim/ })).toContainText("Resistant");
  await expect(page.getByRole("region", { name: "Results table" })).toHaveCount(0);

  await atBothWidths(page, "lab-detail-microbiology", async (width) => {
    // Nothing scrolls sideways at either width: the antibiotic, MIC and category stay in view at 390 px.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const region = section.getByRole("region", { name: "Susceptibilities of Shigella flexneri" });
    await expect.poll(() => region.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
  });
});

test("a clinician reads a ready lab: critical value first, range bars, findings, both texts with linked sources, FHIR download and copy", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const externalId = `e2e-detail-${randomUUID()}`;
  const earlier = await labViaApi(request, { content: "Test,Result,Unit,Reference Range\nSodium,140,mmol/L,135-145\nPotassium,4.5,mmol/L,3.5-5.1\n", externalId, name: "Ada Lovelace" });
  expect(earlier.status).toBe("ready");
  const lab = await labViaApi(request, { content: CSV, externalId, name: "Ada Lovelace" });
  expect(lab.status).toBe("ready");
  await signIn(page, "clinician", `/labs/${lab.labId}`);

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ada Lovelace");
  // The page shows PHI: its read is in the audit trail, with the clinician as the actor.
  const pageReads = () =>
    sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events a JOIN portal_users u ON u.id::text = a.actor_id
       WHERE a.actor_type = 'portal_user' AND a.action = 'read' AND a.resource_type = 'lab_result' AND a.resource_id = $1 AND u.email = $2`,
      [lab.labId, demoCredentials().clinicianEmail],
    ).then(([row]) => row.n);
  await expect.poll(pageReads).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", `/patients/${lab.patientId}`);
  const critical = page.getByRole("region", { name: "Critical value" });
  await expect(critical).toContainText("Potassium");
  await expect(critical).toContainText("6.8 mmol/L");
  await expect(critical).toContainText("Critical high");

  const sodium = page.getByRole("meter", { name: "Sodium against its reference range" });
  await expect(sodium).toHaveAttribute("aria-valuetext", "128 mmol/L, below the range 135–145 mmol/L");
  await expect(sodium).toHaveAttribute("aria-valuenow", "128");

  const trends = page.getByRole("region", { name: "Since the previous result" });
  await expect(trends.getByRole("row", { name: /Sodium/ })).toContainText("140 mmol/L");
  await expect(trends.getByRole("row", { name: /Sodium/ })).toContainText("down −12");

  const findings = page.getByRole("region", { name: "Findings" });
  await expect(findings.getByRole("listitem").first()).toContainText("Critical value: Potassium 6.8 mmol/L");
  await expect(findings).toContainText("Guidance");

  // The anion gap is calculated: its formula shows on keyboard focus.
  const calculated = page.getByRole("button", { name: "Calculated" });
  await calculated.focus();
  await expect(page.getByRole("tooltip")).toHaveText("Calculated: Na − (Cl + HCO3)");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip")).toBeHidden();

  await atBothWidths(page, "lab-detail-ready");

  // Tabs with the keyboard: from the patient text to the clinician text.
  await page.getByRole("tab", { name: "Patient text" }).focus();
  await page.keyboard.press("ArrowRight");
  const clinicianTab = page.getByRole("tab", { name: "Clinician text" });
  await expect(clinicianTab).toBeFocused();
  await expect(clinicianTab).toHaveAttribute("aria-selected", "true");
  const clinician = page.getByRole("tabpanel", { name: "Clinician text" });
  await expect(clinician).toContainText("Critical values");

  await clinician.getByRole("link", { name: "Source 1", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/labs/${lab.labId}#clinician-source-1$`));
  const source = page.locator("#clinician-source-1");
  await expect(source).toBeVisible();
  await expect(source.getByRole("link", { name: /PMID 2296127/ })).toHaveAttribute("href", "https://pubmed.ncbi.nlm.nih.gov/2296127/");
  await expect(source.getByRole("link", { name: /PMID/ })).toHaveAttribute("rel", "noopener noreferrer");

  await atBothWidths(page, "lab-detail-ready-clinician-tab");
  await page.setViewportSize({ width: 1280, height: 900 });

  // The audit trail is an admin's: a clinician is not offered it.
  await expect(page.getByRole("link", { name: "Who has read this result" })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "FHIR Bundle" }).click()]);
  expect(download.suggestedFilename()).toBe(`lab-${lab.labId}.fhir.json`);
  const bundle = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(bundle.resourceType).toBe("Bundle");
  const observations = bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Observation");
  // The eight measured results and the anion gap Labwise calculated from sodium, chloride and bicarbonate.
  expect(observations).toHaveLength(9);
  const anionGap = observations.find((e: { resource: { code: { text: string } } }) => e.resource.code.text === "Anion gap");
  expect(anionGap.resource.derivedFrom).toHaveLength(3);

  await page.getByRole("button", { name: "Copy clinician text" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("Potassium 6.8 mmol/L");
  expect(copied).toContain("[1] Kost GJ");

  // Printed: both texts and the whole table, without the navigation, the buttons or the tab strip.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("tabpanel", { name: "Patient text" })).toBeVisible();
  await expect(page.getByRole("tabpanel", { name: "Clinician text" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("tablist")).toBeHidden();
  await expect(page.getByRole("cell", { name: "13457-7" })).toBeVisible();
  await screenshot(page, "lab-detail-print");
});

test("a failed lab shows its reason first and re-runs", async ({ page, request }) => {
  const lab = await labViaApi(request, { content: "this file holds no lab values at all\n", contentType: "text/plain", filename: "notes.txt", externalId: `e2e-detail-${randomUUID()}` });
  expect(lab.status).toBe("failed");
  await signIn(page, "clinician", `/labs/${lab.labId}`);

  const failed = page.getByRole("region", { name: "This lab could not be processed" });
  await expect(failed).toContainText("not a lab report");
  await expect(page.getByRole("region", { name: "Processing steps" })).toContainText("Failed");
  await atBothWidths(page, "lab-detail-failed");

  await failed.getByRole("button", { name: "Re-run" }).click();
  await expect(page.getByText("Re-run started")).toBeVisible();
  // The same file fails the same way: the page follows the new run to its end by itself.
  await expect(page.getByText("The lab could not be processed")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "This lab could not be processed" })).toContainText("not a lab report");
});

test("a lab that is still processing shows its steps and turns ready without a reload", async ({ page }) => {
  const organizationId = await demoOrganizationId();
  const [lab] = await sql<{ id: string }>(
    "INSERT INTO lab_results (organization_id, source, status, started_at, updated_at) VALUES ($1, 'submission', 'processing', now(), now()) RETURNING id",
    [organizationId],
  );
  const steps = ["ingest_validate", "deidentify", "map_to_fhir", "fhir_store_upsert", "run_inference", "write_artifacts", "dispatch_webhooks"].map((step) => `pipeline.${step}`);
  for (const [index, type] of steps.entries()) {
    const status = index < 2 ? "succeeded" : index === 2 ? "running" : "pending";
    await sql(
      `INSERT INTO jobs (organization_id, lab_result_id, type, status, started_at, completed_at, updated_at)
       VALUES ($1, $2, $3::job_type, $4::job_status, CASE WHEN $4 <> 'pending' THEN now() END, CASE WHEN $4 = 'succeeded' THEN now() + interval '40 milliseconds' END, now())`,
      [organizationId, lab.id, type, status],
    );
  }
  await signIn(page, "clinician", `/labs/${lab.id}`);
  const timeline = page.getByRole("region", { name: "Processing steps" });
  await expect(timeline).toContainText("2 of 7 steps done");
  await expect(timeline.getByRole("listitem").nth(2)).toContainText("Running");
  await atBothWidths(page, "lab-detail-processing");

  await sql("UPDATE jobs SET status = 'succeeded', started_at = coalesce(started_at, now()), completed_at = now() + interval '5 milliseconds', updated_at = now() WHERE lab_result_id = $1", [lab.id]);
  await sql("UPDATE lab_results SET status = 'ready', completed_at = now(), updated_at = now() WHERE id = $1", [lab.id]);
  await expect(page.getByRole("status").filter({ hasText: "Status: Ready" })).toBeAttached({ timeout: 10_000 });
  await expect(page.getByText("Lab ready")).toBeVisible();
  await expect(page.getByText(/Processing steps: all 7 done in/)).toBeVisible();
});

test("another organisation's lab, an unknown id and a malformed id are all the 404 page", async ({ page }) => {
  const [other] = await sql<{ id: string }>("INSERT INTO organizations (name, updated_at) VALUES ($1, now()) RETURNING id", [`Other ${randomUUID()}`]);
  const [foreign] = await sql<{ id: string }>("INSERT INTO lab_results (organization_id, source, status, updated_at) VALUES ($1, 'submission', 'ready', now()) RETURNING id", [other.id]);
  await signIn(page, "clinician", "/labs");
  for (const id of [foreign.id, randomUUID(), "not-a-uuid"]) {
    const response = await page.goto(`/labs/${id}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole("region", { name: "Results" })).toHaveCount(0);
  }
  expect((await page.request.get(`/api/portal/labs/${foreign.id}`)).status()).toBe(404);
});
