/**
 * The Inngest client. With no Inngest Cloud keys it runs in dev mode against INNGEST_BASE_URL, which the
 * run command points at the embedded executor; with INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY set (and no
 * INNGEST_DEV) it talks to Inngest Cloud or a self-hosted Inngest server (README, "Deploying at scale").
 */
import { Inngest } from "inngest";

const isDev = process.env.INNGEST_DEV !== undefined ? process.env.INNGEST_DEV !== "0" : !process.env.INNGEST_SIGNING_KEY;

export const inngest = new Inngest({
  id: "labwise",
  isDev,
  baseUrl: process.env.INNGEST_BASE_URL ?? (isDev ? "http://127.0.0.1:8288" : undefined),
  eventKey: process.env.INNGEST_EVENT_KEY ?? (isDev ? "local" : undefined),
});
