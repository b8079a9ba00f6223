/** Playwright's global teardown: says where the portal screenshots of this run are. */
import { existsSync, readdirSync } from "node:fs";
import { SCREENSHOT_DIR } from "./portal";

export default function reportScreenshots() {
  if (!existsSync(SCREENSHOT_DIR)) return;
  const count = readdirSync(SCREENSHOT_DIR).filter((f) => f.endsWith(".png")).length;
  console.log(`\nPortal screenshots (${count}, every page at 1280 and 390 px): ${SCREENSHOT_DIR}\n`);
}
