/**
 * What the portal's browser tests share: signing in with the seeded demo accounts, making labs through the
 * partner API over real HTTP (the way a partner's labs reach a clinician), the accessibility check, and the
 * screenshots of every page at both widths.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_DATA_DIR, E2E_SEED_API_KEY } from "../../../playwright.config";

/** Laptop and phone: every page is looked at in both. */
export const WIDTHS = [
  { name: "1280", width: 1280, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;

/** Where the screenshots go; playwright.config.ts prints it when the run ends. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../../test-results/portal-screenshots");

export function demoCredentials(): { clinicianEmail: string; clinicianPassword: string; adminEmail: string; adminPassword: string; apiKey: string } {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-credentials.json"), "utf8"));
}

export async function signIn(page: Page, role: "clinician" | "admin" = "clinician", next = "/labs") {
  const demo = demoCredentials();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(role === "admin" ? demo.adminEmail : demo.clinicianEmail);
  await page.getByLabel("Password").fill(role === "admin" ? demo.adminPassword : demo.clinicianPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export interface ApiLab {
  labId: string;
  patientId: string;
  status: string;
}

/**
 * A lab of a (new or existing) patient of the demo organisation, sent through the partner API: token, signed
 * upload, register. Waits for a terminal status unless `wait` is false.
 */
export async function labViaApi(
  request: APIRequestContext,
  input: { content: string | Buffer; contentType?: string; filename?: string; externalId: string; name?: string; wait?: boolean },
): Promise<ApiLab> {
  const apiKey = { "X-Api-Key": E2E_SEED_API_KEY };
  const token = await request.post("/v1/auth/token", { headers: apiKey, data: { external_id: input.externalId, display_name: input.name, create: true } });
  expect(token.status()).toBe(200);
  const { access_token, user_id } = (await token.json()).data;
  const member = { Authorization: `Bearer ${access_token}` };
  const bytes = typeof input.content === "string" ? Buffer.from(input.content) : input.content;
  const minted = await request.post("/v1/uploads", {
    headers: member,
    data: { filename: input.filename ?? "panel.csv", content_type: input.contentType ?? "text/csv", size: bytes.byteLength },
  });
  expect(minted.status()).toBe(201);
  const upload = (await minted.json()).data;
  expect((await request.put(upload.upload_url, { headers: upload.headers, data: bytes })).status()).toBe(200);
  const registered = await request.post(`/v1/users/${user_id}/labs/upload`, { headers: member, data: { file_url: upload.file_url } });
  expect(registered.status()).toBe(202);
  const labId = (await registered.json()).data.lab_result_id as string;
  let status = "pending";
  for (let i = 0; input.wait !== false && i < 600 && !["ready", "failed"].includes(status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await (await request.get(`/v1/users/${user_id}/labs/${labId}`, { headers: member })).json()).data.status;
  }
  return { labId, patientId: user_id, status };
}

/** axe-core over the page as it is now: no serious or critical violation (WCAG 2.1 A/AA rules and best practice). */
export async function expectAccessible(page: Page, what: string) {
  await toastsSettled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious, `${what}: axe found serious or critical violations`).toEqual([]);
}

/**
 * Waits until no toast is fading in or out. Mid-animation a toast is half transparent, and axe measures the
 * contrast of what it sees at that instant; a settled toast is checked like the rest of the page (its colours
 * pass on their own, app/globals.css).
 */
async function toastsSettled(page: Page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("[data-sonner-toast]")].every((toast) => {
        if (toast.getAttribute("data-visible") === "false") return true;
        return toast.getAttribute("data-removed") !== "true" && getComputedStyle(toast).opacity === "1";
      }),
    null,
    { timeout: 10_000 },
  );
}

/** A full-page screenshot named after the page, the state and the width. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
}

/** Runs `check` at 1280 and at 390 px wide: screenshot and axe at each. */
export async function atBothWidths(page: Page, name: string, check: (width: number) => Promise<void> = async () => undefined) {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await check(size.width);
    await screenshot(page, name);
    await expectAccessible(page, `${name} at ${size.width} px`);
  }
}
