/**
 * The /coach page in a browser, against the production build: an admin creates a candidate (the greeting
 * previewed as it is typed), deploys it behind a confirmation naming the profile it replaces, tries it on a
 * demo member's ready lab (greeted in the new voice, an answer with the member's value and a cited source),
 * and rolls back in one click; a clinician has no Coach link and gets the 403 page. Axe and screenshots at
 * 1280 and 390 px.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { atBothWidths, labViaApi, signIn } from "./support/portal";

const GUARDRAILS = { declineTopics: ["supplements"], clinicianReferral: "Please ask your doctor about that.", emergencyMessage: "Call your local emergency number now." };

/** The organisation's active profile, deployed through the portal's own endpoints (the admin's cookie). */
async function baselineActive(page: Page, name: string) {
  const created = await page.request.post("/api/portal/coach/profiles", {
    data: { name, persona: "The coach before.", tone: "clinical", readingLevel: "standard", greeting: "Good day. I am the previous coach.", guardrails: GUARDRAILS },
  });
  expect(created.status()).toBe(201);
  const profile = (await created.json()).data as { id: string; version: number };
  expect((await page.request.post(`/api/portal/coach/profiles/${profile.id}/deploy`)).status()).toBe(200);
  return `${name} (v${profile.version})`;
}

async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

test("an admin creates a candidate, deploys it, tries it on a member's lab and rolls back in one click", async ({ page, request }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 8);
  const memberName = `Coach Demo ${tag}`;
  const lab = await labViaApi(request, { content: "Test,Result,Unit,Reference Range,Flag\nHbA1c,7.2,%,4.0-5.6,H\nSodium,140,mmol/L,135-145,\n", externalId: `coach-${tag}`, name: memberName });
  expect(lab.status).toBe("ready");

  await signIn(page, "admin", "/coach");
  await expect(page.getByRole("heading", { name: "Coach", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach" })).toBeVisible();
  const before = await baselineActive(page, `Before ${tag}`);
  await page.reload();
  await expect(page.getByTestId("active-profile")).toContainText(before);

  // A new candidate, the greeting previewed as it is typed.
  const name = `Breeze ${tag}`;
  const greeting = `Hey there, I am Breeze ${tag}! Let's look at your results together.`;
  await page.getByRole("button", { name: "New candidate", exact: true }).click();
  const form = page.getByRole("form", { name: "New candidate" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Persona").fill("An upbeat coach who keeps things short.");
  await form.getByLabel("Tone").selectOption("encouraging");
  await form.getByLabel("Reading level").selectOption("plain");
  await form.getByLabel("Focus areas").fill("blood sugar, kidney function");
  await form.getByLabel("Greeting", { exact: true }).fill(greeting);
  await expect(form.getByTestId("greeting-preview")).toContainText(greeting);
  await form.getByLabel("Declined topics").fill("supplements");
  await form.getByLabel("Clinician referral").fill("That one is for your doctor.");
  await form.getByLabel("Emergency message").fill("Please call your local emergency number now.");
  await atBothWidths(page, "coach-new-candidate");
  await form.getByRole("button", { name: "Create candidate" }).click();
  const candidate = page.getByRole("listitem", { name: new RegExp(`^${name} \\(v\\d+\\), candidate$`) });
  await expect(candidate).toBeVisible();

  // Deploy: the confirmation names the profile it replaces.
  await candidate.getByRole("button", { name: /^Deploy/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`It replaces ${before}`);
  await dialog.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("active-profile")).toContainText(name);
  await expect(page.getByRole("listitem", { name: new RegExp(`^${name} \\(v\\d+\\), active$`) })).toBeVisible();

  // Try it: greeted in the new voice, and an answer about the member's own lab with a cited source.
  await chooseOption(page, "Profile", name);
  await chooseOption(page, "As member", memberName);
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText(greeting);
  await page.getByLabel("Message to the coach").fill("What does my a1c mean?");
  await page.getByRole("button", { name: "Send" }).click();
  const answer = conversation.locator('[data-role="coach"]').nth(1);
  await expect(answer).toContainText("7.2");
  await expect(answer.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(answer.getByRole("link", { name: "Source 1" }).first()).toBeVisible();
  // Axe sees the deploy's toast too, if it is still up: its colours must pass like the rest of the page.
  await atBothWidths(page, "coach-try-it");

  // One click rolls back to the profile the deploy replaced.
  await page.getByRole("button", { name: `Roll back to ${before}` }).click();
  await expect(page.getByTestId("active-profile")).toContainText(before);
  await expect(page.getByRole("listitem", { name: new RegExp(`^${name} \\(v\\d+\\), retired$`) })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Deploy history" })).toBeVisible();
});

test("a clinician has no Coach link and gets the 403 page at /coach", async ({ page }) => {
  await signIn(page, "clinician", "/labs");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Labs" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach" })).toHaveCount(0);
  const response = await page.goto("/coach");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Only administrators can open this page" })).toBeVisible();
});
