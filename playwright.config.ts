/**
 * Browser and HTTP end-to-end tests against the production build started by the README's run command
 * (`npm start`), on the database the test command provides. Debian's Chromium, never a downloaded browser.
 */
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.join(process.env.LABWISE_TEST_SCRATCH ?? path.join(import.meta.dirname, ".data/e2e"), "app-data");

export const E2E_SEED_API_KEY = "lw_e2etests_e2eE2Ee2eE2Ee2eE2Ee2eE2Ee2eE2Ee2e";
export const E2E_DATA_DIR = dataDir;
/**
 * Single sign-on in the e2e server: an OpenID provider that tests/e2e/sign-in.spec.ts starts itself (oidc-provider)
 * on this fixed loopback port. Auth.js reads its discovery document only when someone signs in with it, so the
 * server starts without it; other specs never touch it.
 */
export const E2E_OIDC = {
  issuer: `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? port + 50)}`,
  clientId: "labwise-e2e",
  clientSecret: "labwise-e2e-client-secret-0123456789",
  name: "Test identity provider",
};

export default defineConfig({
  testDir: "tests/e2e",
  // Portal tests look at each page at two widths with axe: a 2-core machine that is also processing labs needs
  // more than Playwright's default 30 s for some of them.
  timeout: 90_000,
  workers: 1,
  reporter: [["list"]],
  globalTeardown: "./tests/e2e/support/report-screenshots.ts",
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "npm start",
    url: `http://localhost:${port}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      LABWISE_DATA_DIR: dataDir,
      SEED_API_KEY: E2E_SEED_API_KEY,
      STORAGE_DIR: path.join(dataDir, "uploads"),
      // tests/e2e/demo.spec.ts runs `npm run demo`, whose webhook receiver listens on loopback.
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      OIDC_ISSUER: E2E_OIDC.issuer,
      OIDC_CLIENT_ID: E2E_OIDC.clientId,
      OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
      OIDC_NAME: E2E_OIDC.name,
    },
  },
});
