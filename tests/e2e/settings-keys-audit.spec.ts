/**
 * The admin's API keys, audit log and organisation pages in a browser, against the production build: an
 * admin creates a key, copies it from the panel that shows it once, uses it against the API, revokes it
 * behind a confirmation naming it and sees the API answer 401; the audit log shows the create and the revoke
 * with the admin's e-mail, finds who read a lab (made through the API) by the lab's id, and exports a CSV whose
 * formula-looking cells are escaped; the organisation page shows the run limit and this month's usage. A
 * clinician gets the 403 page on all three. Axe and screenshots at 1280 and 390 px, with data and empty states.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { atBothWidths, demoCredentials, labViaApi, signIn } from "./support/portal";

const LAB_CSV = "Test,Result,Unit,Reference Range,Flag\nGlucose,99,mg/dL,70-99,\nCreatinine,1.8,mg/dL,0.7-1.3,H\n";

const apiStatus = (request: APIRequestContext, key: string, path = "/v1/webhook-endpoints") => request.get(path, { headers: { "X-Api-Key": key } }).then((r) => r.status());

async function desktop(page: Page) {
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an admin creates a key, copies it once, uses it, revokes it and the API answers 401; the audit log shows both", async ({ page, request, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const demo = demoCredentials();
  const name = `E2E integration ${randomUUID().slice(0, 8)}`;

  await signIn(page, "admin", "/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeVisible();
  await atBothWidths(page, "settings-api-keys");
  await desktop(page);

  // Create: a name and the scopes, each explained; the admin scope lets it manage webhooks.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByText("Manage webhook endpoints, deliveries, the agent-run signing secret")).toBeVisible();
  await page.getByLabel("Admin", { exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-key-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("this is the only time it is shown");
  await panel.getByRole("button", { name: "Copy key" }).click();
  await expect(panel).toContainText("Copied to the clipboard.");
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^lw_[a-z0-9]{8}_/);
  await expect(panel.getByLabel("API key")).toHaveValue(key);
  const prefix = key.slice(0, 11);
  await expect(panel.getByRole("heading")).toHaveText(`Your new key ${prefix} (${name})`);
  await atBothWidths(page, "settings-api-keys-created");
  await desktop(page);

  // The key works against the real API, within its scopes.
  expect(await apiStatus(request, key)).toBe(200);

  // Gone from the screen once stored: the list shows it by prefix, never the secret.
  await panel.getByRole("button", { name: "I have stored the key" }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole("heading", { name: "Create a key" })).toBeFocused();
  await expect(page.locator("body")).not.toContainText(key);
  const row = page.getByRole("row", { name: `${prefix} (${name})` });
  await expect(row).toContainText(prefix);

  // Revoke, behind a confirmation naming the key.
  await row.getByRole("button", { name: `Revoke ${prefix} (${name})` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText(`Revoke ${prefix} (${name})?`);
  await atBothWidths(page, "settings-api-keys-revoke-confirm");
  await desktop(page);
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: `${prefix} (${name}), revoked` })).toContainText("Revoked");
  // The portal and the API share a process, so the revoke applies at once; polled in case of a replica's cache.
  await expect.poll(() => apiStatus(request, key), { timeout: 10_000 }).toBe(401);

  // Hiding revoked keys leaves the live ones.
  await page.getByLabel("Show revoked keys").uncheck();
  await expect(page.getByRole("row", { name: `${prefix} (${name}), revoked` })).toHaveCount(0);
  await page.getByLabel("Show revoked keys").check();

  // The audit log: the create and the revoke, by the admin, naming the key.
  await page.goto(`/settings/audit?resourceType=api_key&actor=${encodeURIComponent(demo.adminEmail)}`);
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  const revoked = rows.filter({ hasText: "Revoke" }).filter({ hasText: prefix });
  const created = rows.filter({ hasText: "Create" }).filter({ hasText: prefix });
  await expect(revoked).toHaveCount(1);
  await expect(created).toHaveCount(1);
  await expect(revoked).toContainText(demo.adminEmail);
  await expect(created).toContainText(demo.adminEmail);
  await expect(created).toContainText(name);
  await expect(created).toContainText("read, admin");
  await atBothWidths(page, "settings-audit-keys");
});

test("the audit log finds who read a lab by its id, has an empty state, and exports an escaped CSV", async ({ page, request }) => {
  test.setTimeout(180_000);
  const demo = demoCredentials();
  const tag = randomUUID().slice(0, 8);
  const lab = await labViaApi(request, { content: LAB_CSV, externalId: `audit-${tag}`, name: `Audit Patient ${tag}` });
  expect(lab.status).toBe("ready");

  await signIn(page, "admin", `/labs/${lab.labId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The lab page takes an admin to the audit log filtered to this lab.
  await page.getByRole("link", { name: "Who has read this result" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/audit\\?resourceId=${lab.labId}`));
  await expect(page.getByTestId("audit-row").filter({ hasText: demo.adminEmail }).first()).toBeVisible();

  // Filter on the lab's id through the form: the member's reads through the API and the admin's on the page.
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Resource id").fill(lab.labId);
  await page.getByLabel("Action").selectOption("read");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`resourceId=${lab.labId}`));
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: demo.adminEmail })).not.toHaveCount(0);
  await expect(rows.filter({ hasText: `member ${lab.patientId}` }).first()).toBeVisible();
  await expect(rows.first().getByRole("link", { name: lab.labId })).toHaveAttribute("href", `/labs/${lab.labId}`);
  await atBothWidths(page, "settings-audit-lab-reads");
  await desktop(page);

  // Nothing matches: the empty state, and clearing the filters brings the log back.
  await page.goto(`/settings/audit?resourceId=${randomUUID()}`);
  await expect(page.getByText("No audit events match these filters.")).toBeVisible();
  await atBothWidths(page, "settings-audit-empty");
  await desktop(page);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(rows.first()).toBeVisible();

  // A key whose name looks like a formula, used once: its rows export with the cell neutralised.
  const made = await page.request.post("/api/portal/settings/api-keys", { data: { name: `=HYPERLINK("http://evil.example","${tag}")`, scopes: ["read"] } });
  expect(made.status()).toBe(201);
  const formulaKey = (await made.json()).data as { id: string; key: string; prefix: string };
  expect(await apiStatus(request, formulaKey.key, "/v1/submissions")).toBe(200);
  expect((await page.request.post(`/api/portal/settings/api-keys/${formulaKey.id}/revoke`)).status()).toBe(200);

  await page.goto(`/settings/audit?actor=${formulaKey.prefix}&actorType=api_key`);
  await expect(rows).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^labwise-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("Time (UTC),Actor type,Actor id,Actor,Action,Resource type,Resource id,Request id,Detail");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`,api_key,${formulaKey.id},"'=HYPERLINK(""http://evil.example"",""${tag}"") (${formulaKey.prefix})",list,lab_result,`);

  // The export is itself in the log.
  await page.goto("/settings/audit?action=export&resourceType=audit_event");
  await expect(rows.first()).toContainText(demo.adminEmail);
  await expect(rows.first()).toContainText(formulaKey.prefix);
});

test("the organisation page shows the run limit, the operator's command and this month's usage, and renames", async ({ page, request }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 8);
  const lab = await labViaApi(request, { content: LAB_CSV, externalId: `org-${tag}`, name: `Usage Patient ${tag}` });
  expect(lab.status).toBe("ready");

  await signIn(page, "admin", "/settings/organization");
  await expect(page.getByRole("heading", { name: "Organisation", level: 1 })).toBeVisible();
  await expect(page.getByTestId("run-limit")).toHaveText("7");
  await expect(page.getByText(/npm run labwise -- org:set-limit --org [0-9a-f-]{36} --limit <runs>/)).toBeVisible();
  const labs = page.getByTestId("usage-labsProcessed");
  await expect(labs.getByRole("img", { name: /^Labs processed per day/ })).toHaveAttribute("aria-label", /^Labs processed per day in \w+ \d{4} \(UTC\): [1-9]\d* in total, most on /);
  expect(Number(await labs.locator("p").nth(1).textContent())).toBeGreaterThan(0);
  await page.getByText(/^Daily numbers/).click();
  await expect(page.getByRole("table", { name: /Usage per UTC day/ })).toBeVisible();
  await atBothWidths(page, "settings-organization");
  await desktop(page);

  // Rename, then put the demo organisation's name back for the other specs.
  const field = page.getByLabel("Organisation name");
  const original = await field.inputValue();
  await field.fill(`${original} ${tag}`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText(`The organisation is now called ${original} ${tag}`)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Organisation name")).toHaveValue(`${original} ${tag}`);
  await page.getByLabel("Organisation name").fill(original);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText(`The organisation is now called ${original}`, { exact: true })).toBeVisible();

  await page.goto("/settings/audit?resourceType=organization&action=update");
  await expect(page.getByTestId("audit-row").first()).toContainText(`${original} ${tag}`);
});

test("a clinician gets the 403 page on the keys, audit and organisation pages", async ({ page }) => {
  await signIn(page, "clinician", "/labs");
  for (const path of ["/settings/api-keys", "/settings/audit", "/settings/organization"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Only administrators can open this page" })).toBeVisible();
  }
});
