/**
 * The labs list and the upload, as a clinician uses them in Chromium: the drop zone (several files, a patient
 * chosen or created, refusals before upload, the keyboard alone), statuses changing without a reload, the
 * toast and title badge, a failed lab's reason and re-run, filters in the URL, and every state of the page —
 * data, empty, loading, failing — looked at with axe at 1280 and 390 px.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { atBothWidths, labViaApi, signIn } from "./support/portal";

const CSV = "Test,Result,Unit,Reference Range\nSodium,128,mmol/L,135-145\nPotassium,4.2,mmol/L,3.5-5.1\nGlucose,92,mg/dL,70-99\n";
const PDF = readFileSync(path.join(import.meta.dirname, "../fixtures/samples/sample_lab_report.pdf"));

interface DroppedFile {
  name: string;
  type: string;
  /** base64 of the bytes; or `size` zero bytes. */
  base64?: string;
  size?: number;
}

/** Drags files onto the drop zone the way a browser does: a DataTransfer with Files, then drop. */
async function dropFiles(page: Page, files: DroppedFile[]) {
  const zone = dropZone(page);
  const dataTransfer = await page.evaluateHandle((specs) => {
    const transfer = new DataTransfer();
    for (const spec of specs) {
      const bytes = spec.base64 !== undefined ? Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0)) : new Uint8Array(spec.size ?? 0);
      transfer.items.add(new File([bytes], spec.name, { type: spec.type }));
    }
    return transfer;
  }, files);
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

function dropZone(page: Page): Locator {
  return page.getByText(/Drag lab reports here|Drop the files to upload them/).locator("xpath=..");
}

async function addPatient(page: Page, name: string, identifier: string) {
  await page.getByRole("button", { name: "New patient" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Identifier (MRN), optional").fill(identifier);
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByText(`Patient: ${name} (${identifier})`)).toBeVisible();
}

/** The history's row (table at 1280 px, card at 390 px) of a lab, by the file it came from and its patient. */
function historyEntry(page: Page, fileName: string, patient: string): Locator {
  return page.locator("table tbody tr:visible, ul[aria-label='Lab results, newest first'] > li:visible").filter({ hasText: fileName }).filter({ hasText: patient });
}

test("a clinician drops a PDF and a CSV for a new patient and watches both become ready without reloading", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "clinician", "/labs");
  await expect(page.getByRole("heading", { name: "Lab results" })).toBeVisible();
  const name = `Rosalind Franklin ${randomUUID().slice(0, 6)}`;
  await addPatient(page, name, `MRN-${randomUUID().slice(0, 8)}`);

  // Set a marker a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await dropFiles(page, [
    { name: "city-general.pdf", type: "application/pdf", base64: PDF.toString("base64") },
    { name: "chemistry.csv", type: "text/csv", base64: Buffer.from(CSV).toString("base64") },
  ]);
  const uploads = page.getByRole("list", { name: "Uploads" });
  await expect(uploads.getByRole("listitem").filter({ hasText: "city-general.pdf" }).getByText("Received: analysing")).toBeVisible();
  await expect(uploads.getByRole("listitem").filter({ hasText: "chemistry.csv" }).getByText("Received: analysing")).toBeVisible();

  for (const file of ["city-general.pdf", "chemistry.csv"]) {
    await expect(historyEntry(page, file, name).getByText("Ready")).toBeVisible({ timeout: 60_000 });
  }
  await expect(historyEntry(page, "chemistry.csv", name).getByText("1 abnormal")).toBeVisible();
  await expect(page.getByText(`Lab ready: ${name}`).first()).toBeVisible();
  await expect(page).toHaveTitle(/^\(\d+\) Labs/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await page.mouse.click(5, 5);
  await expect(page).toHaveTitle(/^Labs/);
});

test("files Labwise cannot take are refused with their reason, before anything is uploaded", async ({ page }) => {
  await signIn(page, "clinician", "/upload");
  await expect(page.getByRole("heading", { name: "Upload lab reports" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Choose files" })).toBeDisabled();
  await addPatient(page, `Refused Files ${randomUUID().slice(0, 6)}`, `MRN-${randomUUID().slice(0, 8)}`);

  const minted: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/portal/uploads")) minted.push(request.url());
  });
  await dropFiles(page, [
    { name: "empty.csv", type: "text/csv", size: 0 },
    { name: "archive.zip", type: "application/zip", size: 100 },
    { name: "huge-scan.pdf", type: "application/pdf", size: 26 * 1024 * 1024 },
  ]);
  const uploads = page.getByRole("list", { name: "Uploads" });
  await expect(uploads.getByRole("listitem").filter({ hasText: "empty.csv" }).getByText("The file is empty.")).toBeVisible();
  await expect(uploads.getByRole("listitem").filter({ hasText: "archive.zip" }).getByText(/cannot read this type of file/)).toBeVisible();
  await expect(uploads.getByRole("listitem").filter({ hasText: "huge-scan.pdf" }).getByText("The file is 26.0 MB; files are limited to 25 MB.")).toBeVisible();
  expect(minted).toEqual([]);
  await atBothWidths(page, "upload-refused");
});

test("the keyboard alone finds a patient, opens the file chooser and uploads", async ({ page, request }) => {
  // Listening from the start: Playwright intercepts file choosers once a listener exists, and a key press can
  // beat a listener attached just before it.
  const chooser = page.waitForEvent("filechooser");
  const externalId = `kbd-${randomUUID().slice(0, 8)}`;
  const name = `Keyboard Patient ${externalId}`;
  await labViaApi(request, { content: CSV, externalId, name });
  await signIn(page, "clinician", "/upload");

  const focusNext = async (accessibleName: RegExp) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.getAttribute("aria-label") ?? ""} ${(el as HTMLInputElement).labels?.[0]?.textContent ?? ""} ${el.textContent ?? ""}` : "";
      });
      if (accessibleName.test(focused)) return;
    }
    throw new Error(`Tab never reached ${accessibleName}`);
  };
  await focusNext(/Find by name or identifier/);
  await page.keyboard.type(externalId);
  await expect(page.getByRole("radio", { name: new RegExp(name) })).toBeVisible();
  await focusNext(new RegExp(name));
  await page.keyboard.press("Space");
  await expect(page.getByText(`Patient: ${name} (${externalId})`)).toBeVisible();

  await focusNext(/Choose files/);
  await page.keyboard.press("Enter");
  await (await chooser).setFiles({ name: "keyboard.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByRole("list", { name: "Uploads" }).getByText("Received: analysing")).toBeVisible();
  await focusNext(/Open the lab/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/labs\/[0-9a-f-]{36}$/);
});

test("a failed lab shows its reason in the list and can be re-run", async ({ page, request }) => {
  const externalId = `failed-${randomUUID().slice(0, 8)}`;
  const lab = await labViaApi(request, { content: "nothing a lab would print\n", contentType: "text/plain", filename: "notes.txt", externalId, name: `Failing File ${externalId}` });
  expect(lab.status).toBe("failed");
  await signIn(page, "clinician", `/labs?q=${externalId}`);
  const entry = historyEntry(page, "notes.txt", externalId);
  await expect(entry.getByText("Failed", { exact: true })).toBeVisible();
  await expect(entry.getByText(/not a lab report Labwise can read/)).toBeVisible();
  await atBothWidths(page, "labs-failed");

  await page.setViewportSize({ width: 1280, height: 900 });
  await entry.getByRole("button", { name: /Re-run/ }).click();
  await expect(page.getByText("Running the lab again")).toBeVisible();
  await expect(page.getByText(`Lab failed: Failing File ${externalId} (${externalId})`)).toBeVisible({ timeout: 30_000 });
});

test("filters live in the URL; the list has data, empty, loading and failing states at both widths", async ({ page, request }) => {
  const externalId = `crit-${randomUUID().slice(0, 8)}`;
  await labViaApi(request, {
    content: "Test,Result,Unit,Reference Range,Flag\nPotassium,6.8,mmol/L,3.5-5.1,HH\nSodium,140,mmol/L,135-145,\n",
    externalId,
    name: `Critical Potassium ${externalId}`,
  });
  await signIn(page, "clinician", "/labs");
  await expect(page.getByText("Dates and times are in your time zone")).toBeVisible();
  await atBothWidths(page, "labs");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Results", { exact: true }).selectOption("critical");
  await expect(page).toHaveURL(/results=critical/);
  await page.getByLabel("Search patient, identifier or file").fill(externalId);
  await expect(page).toHaveURL(new RegExp(`q=${externalId}`));
  await expect(historyEntry(page, "panel.csv", externalId).getByText("1 critical")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Results", { exact: true })).toHaveValue("critical");
  await expect(historyEntry(page, "panel.csv", externalId)).toHaveCount(1);

  await page.getByLabel("Search patient, identifier or file").fill(`no-such-patient-${randomUUID()}`);
  await expect(page.getByText("No labs match these filters.")).toBeVisible();
  await atBothWidths(page, "labs-no-match");
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/labs$/);
  await expect(page.getByLabel("Search patient, identifier or file")).toHaveValue("");

  // Loading: the list's answer is held back.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/portal/labs?*", async (route) => {
    await held;
    await route.continue().catch(() => undefined); // a request the reload below abandoned is gone already
  });
  await page.reload();
  await expect(page.getByRole("status", { name: "Loading labs" })).toBeVisible();
  await atBothWidths(page, "labs-loading");
  release();
  await expect(page.getByRole("status", { name: "Loading labs" })).toBeHidden();
  await page.unroute("**/api/portal/labs?*");

  // Failing: the endpoint answers 500 in its own envelope.
  await page.route("**/api/portal/labs?*", (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL_ERROR", message: "Internal server error (request id e2e)" } }) }),
  );
  await page.reload();
  await expect(page.getByText("The labs could not be loaded: Internal server error (request id e2e)")).toBeVisible({ timeout: 15_000 });
  await atBothWidths(page, "labs-error");
});

test("a signed-out visitor lands on the page they asked for after signing in; unknown pages are a styled 404", async ({ page }) => {
  await page.goto("/upload?patientId=not-a-uuid");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fupload%3FpatientId%3Dnot-a-uuid/);
  await atBothWidths(page, "sign-in");
  await signIn(page, "admin", "/upload?patientId=not-a-uuid");
  await expect(page).toHaveURL(/\/upload\?patientId=not-a-uuid$/);
  // Portal pages show PHI: no cache may keep them.
  const labsPage = await page.request.get("/labs");
  expect(labsPage.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByRole("heading", { name: "Upload lab reports" })).toBeVisible();
  await atBothWidths(page, "upload");

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Labs" })).toBeVisible();
  await atBothWidths(page, "not-found");

  await page.goto("/docs");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patients" })).toBeVisible();
  await atBothWidths(page, "docs");
});
