/**
 * /settings/webhooks and /settings/deliveries in a browser, against the production build (which allows
 * webhook URLs on 127.0.0.1): an admin adds an endpoint pointing at a receiver this test starts, copies the
 * secret shown once, sends a test event — the receiver gets it and the test verifies its signature with that
 * secret and the `standardwebhooks` package, as a partner would — opens the delivery with its attempts and
 * headers, replays it and the receiver sees the same `webhook-id` again. Then the agent-run secret: revealed,
 * rotated, and an agent run sent through the partner API is signed with both the old and the new secret
 * during the grace period. Screenshots and axe at 1280 and 390 px; a clinician gets the 403 page.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { E2E_SEED_API_KEY } from "../../playwright.config";
import { atBothWidths, signIn } from "./support/portal";

interface Receipt {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A partner's receiver on loopback: records every request and answers 200 "received". */
async function startReceiver() {
  const receipts: Receipt[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receipts.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { "content-type": "text/plain" }).end("received");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    at: (path: string) => receipts.filter((r) => r.path === path),
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function verifies(receipt: Receipt, secret: string): boolean {
  try {
    new Webhook(secret).verify(receipt.body, receipt.headers);
    return true;
  } catch {
    return false;
  }
}

async function shownSecret(page: Page): Promise<string> {
  const secret = (await page.getByTestId("shown-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  return secret;
}

test("an admin adds an endpoint, proves the test event's signature, and replays it with the same webhook-id", async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const receiver = await startReceiver();
  const tag = randomUUID().slice(0, 8);
  const path = `/hooks/e2e-${tag}`;
  const url = `${receiver.url}${path}`;
  const label = url.replace("http://", "");
  try {
    await signIn(page, "admin", "/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByTestId("agent-secret-fingerprint")).toContainText("sha256:");
    const empty = page.getByText("No endpoints yet.");
    if (await empty.isVisible()) await atBothWidths(page, "settings-webhooks-empty");
    await page.setViewportSize({ width: 1280, height: 900 });

    // Add: URL, a note and two events; the secret is shown once, copied with the button.
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const form = page.getByRole("form", { name: "Add an endpoint" });
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("Description").fill(`E2E receiver ${tag}`);
    await form.getByRole("checkbox", { name: "lab.results_ready" }).check();
    await form.getByRole("checkbox", { name: "lab.failed" }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const panel = page.getByRole("region", { name: `Signing secret for ${label}` });
    await expect(panel).toContainText("shows it this once and never again");
    const secret = await shownSecret(page);
    await panel.getByRole("button", { name: "Copy secret" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await atBothWidths(page, "settings-webhooks-secret-shown");
    await panel.getByRole("button", { name: "I have stored it" }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByText(secret)).toHaveCount(0);

    // Send a test event: the answer on the page, the ping at the receiver, signed with the secret shown once.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: `Send test event ${label}` }).click();
    const result = page.getByRole("status").filter({ hasText: `Test event to ${label}: received` });
    await expect(result).toBeVisible();
    await expect(result.getByTestId("test-status")).toHaveText("200");
    await expect(result).toContainText("received");
    const [ping] = receiver.at(path);
    expect(JSON.parse(ping.body)).toMatchObject({ type: "ping" });
    expect(verifies(ping, secret)).toBe(true);
    expect(verifies(ping, "whsec_" + Buffer.alloc(32, 1).toString("base64"))).toBe(false);
    await atBothWidths(page, "settings-webhooks");

    // The delivery: payload, the attempt with the headers the receiver got.
    await page.setViewportSize({ width: 1280, height: 900 });
    await result.getByRole("link", { name: "Open the delivery" }).click();
    await expect(page.getByRole("heading", { name: "Delivery", level: 1 })).toBeVisible();
    const attempts = page.getByRole("list", { name: "Attempts, oldest first" });
    await expect(attempts.getByRole("listitem")).toHaveCount(1);
    await expect(attempts.getByRole("listitem", { name: "Attempt 1" })).toContainText("HTTP 200");
    await expect(page.locator('[data-header="webhook-id"]')).toHaveText(ping.headers["webhook-id"]);
    await expect(page.locator('[data-header="webhook-signature"]')).toHaveText(ping.headers["webhook-signature"]);
    await expect(page.locator('[data-header="webhook-timestamp"]')).toHaveText(ping.headers["webhook-timestamp"]);
    await expect(page.getByRole("region", { name: "Payload" })).toContainText('"type": "ping"');
    await atBothWidths(page, "settings-delivery-detail");

    // Replay: the receiver sees the same webhook-id again, and the page shows the second attempt.
    await page.getByRole("button", { name: "Replay delivery" }).click();
    await expect.poll(() => receiver.at(path).length, { timeout: 30_000 }).toBe(2);
    const replayed = receiver.at(path)[1];
    expect(replayed.headers["webhook-id"]).toBe(ping.headers["webhook-id"]);
    expect(verifies(replayed, secret)).toBe(true);
    await expect(attempts.getByRole("listitem")).toHaveCount(2, { timeout: 15_000 });
    await expect(page.getByTestId("delivery-status")).toHaveText("Delivered");

    // The log, filtered in the URL.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("link", { name: "Back to the delivery log" }).click();
    await expect(page.getByRole("heading", { name: "Deliveries", level: 1 })).toBeVisible();
    await page.getByLabel("Status").selectOption("succeeded");
    await expect(page).toHaveURL(/status=succeeded/);
    const endpointId = await page.getByLabel("Endpoint").locator("option", { hasText: label }).getAttribute("value");
    await page.getByLabel("Endpoint").selectOption(endpointId!);
    await expect(page).toHaveURL(new RegExp(`endpointId=${endpointId}`));
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("table")).toContainText("ping");
    await page.getByLabel("Status").selectOption("dead_letter");
    await expect(page.getByText("No delivery matches these filters.")).toBeVisible();
    await page.getByLabel("Status").selectOption("");
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    await atBothWidths(page, "settings-deliveries");

    // Rotate the endpoint's secret: the new one is shown once, and during the grace period a test event
    // verifies with the old and the new secret.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/settings/webhooks");
    await page.getByRole("button", { name: `Rotate secret ${label}` }).click();
    const rotateDialog = page.getByRole("dialog", { name: `Rotate the secret of ${label}?` });
    await expect(rotateDialog.getByLabel("Grace period for the current secret")).toHaveValue("24");
    await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("region", { name: `New signing secret for ${label}` });
    await expect(rotated).toContainText("keeps signing alongside");
    const newSecret = await shownSecret(page);
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole("button", { name: "I have stored it" }).click();
    await page.getByRole("button", { name: `Send test event ${label}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `Test event to ${label}: received` })).toBeVisible();
    const afterRotation = receiver.at(path).at(-1)!;
    expect(afterRotation.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifies(afterRotation, secret)).toBe(true);
    expect(verifies(afterRotation, newSecret)).toBe(true);

    // Delete, behind a confirmation; the list is empty again.
    await page.getByRole("button", { name: `Delete ${label}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("cannot be undone");
    await dialog.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: `Delete ${label}` })).toHaveCount(0);
  } finally {
    await receiver.stop();
  }
});

test("an admin rotates the agent-run secret and an agent run during the grace period verifies with both secrets", async ({ page, request }) => {
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  const path = `/agent/${randomUUID()}`;
  try {
    await signIn(page, "admin", "/settings/webhooks");
    const section = page.getByRole("region", { name: "Agent-run signing secret", exact: true });
    const fingerprint = (await page.getByTestId("agent-secret-fingerprint").textContent())!;

    await section.getByRole("button", { name: "Reveal secret" }).click();
    const revealed = page.getByRole("region", { name: "Agent-run signing secret (revealed)" });
    await expect(revealed).toContainText("recorded in the audit log");
    const oldSecret = await shownSecret(page);
    await revealed.getByRole("button", { name: "Hide secret" }).click();
    await expect(page.getByTestId("shown-secret")).toHaveCount(0);

    await section.getByRole("button", { name: "Rotate agent-run secret" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate the agent-run signing secret?" });
    await expect(dialog.getByLabel("Grace period for the current secret")).toHaveValue("24");
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    const shown = page.getByRole("region", { name: "New agent-run signing secret" });
    await expect(shown).toContainText("keeps signing alongside");
    const newSecret = await shownSecret(page);
    expect(newSecret).not.toBe(oldSecret);
    await atBothWidths(page, "settings-webhooks-agent-secret-rotated");
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByTestId("agent-secret-fingerprint")).not.toHaveText(fingerprint);
    await expect(section).toContainText(fingerprint);

    // An agent run through the partner API: every webhook carries a signature with each secret.
    const run = await request.post("/v1/agents/lab-results", {
      headers: { "X-Api-Key": E2E_SEED_API_KEY },
      data: {
        webhookUrl: `${receiver.url}${path}`,
        labResults: [
          { name: "Creatinine", value: "1.8 mg/dL", referenceRange: "0.7-1.3 mg/dL" },
          { name: "Potassium", value: "4.2 mmol/L", referenceRange: "3.5-5.1 mmol/L" },
        ],
      },
    });
    expect(run.status(), await run.text()).toBe(200);
    const isFinal = (r: Receipt) => ["completed", "failed"].includes(JSON.parse(r.body).status);
    await expect.poll(() => receiver.at(path).some(isFinal), { timeout: 60_000 }).toBe(true);
    const receipts = receiver.at(path);
    expect(receipts.length).toBeGreaterThan(1);
    for (const receipt of receipts) {
      expect(receipt.headers["webhook-signature"].split(" ")).toHaveLength(2);
      expect(verifies(receipt, oldSecret), `old secret, ${receipt.headers["webhook-id"]}`).toBe(true);
      expect(verifies(receipt, newSecret), `new secret, ${receipt.headers["webhook-id"]}`).toBe(true);
    }
  } finally {
    await receiver.stop();
  }
});

test("a clinician gets the 403 page on the webhook and delivery pages", async ({ page }) => {
  await signIn(page, "clinician", "/labs");
  for (const path of ["/settings/webhooks", "/settings/deliveries", `/settings/deliveries/${randomUUID()}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Only administrators can open this page" })).toBeVisible();
  }
});
