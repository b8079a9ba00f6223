import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalStorage, ObjectExistsError, WrongSizeError } from "./local";

const root = await mkdtemp(path.join(os.tmpdir(), "labwise-local-"));
afterAll(() => rm(root, { recursive: true, force: true }));
const local = new LocalStorage(root, "http://localhost:3000", "secret");

function body(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe("LocalStorage", () => {
  it("keeps files 0600 and folders 0700, the temp file included while it is being written", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode("a,"));
        await held;
        controller.enqueue(new TextEncoder().encode("b"));
        controller.close();
      },
    });
    const writing = local.write("org-modes/object", slow, 3, "text/csv");
    const folder = path.join(root, "org-modes");
    let temp: string | undefined;
    for (let i = 0; i < 200 && !temp; i++) {
      temp = (await readdir(folder).catch(() => [])).find((name) => name.endsWith(".part"));
      if (!temp) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(temp).toBeDefined();
    expect(await mode(path.join(folder, temp!))).toBe(0o600);
    release();
    await writing;

    expect(await mode(root)).toBe(0o700);
    expect(await mode(folder)).toBe(0o700);
    expect(await mode(path.join(folder, "object"))).toBe(0o600);
    expect(await mode(path.join(folder, "object.meta.json"))).toBe(0o600);
    expect((await readdir(folder)).sort()).toEqual(["object", "object.meta.json"]);
  });

  it("never replaces a stored object: a second write fails and the first bytes stay", async () => {
    await local.write("org-once/object", body("a,b"), 3, "text/csv");
    await expect(local.write("org-once/object", body("x,y"), 3, "text/csv")).rejects.toBeInstanceOf(ObjectExistsError);
    expect(await readFile(path.join(root, "org-once/object"), "utf8")).toBe("a,b");
    expect(await readdir(path.join(root, "org-once"))).not.toContainEqual(expect.stringMatching(/\.part$/));
  });

  it("lets exactly one of two concurrent writes to one key win", async () => {
    const results = await Promise.allSettled([
      local.write("org-race/object", body("a,b"), 3, "text/csv"),
      local.write("org-race/object", body("x,y"), 3, "text/csv"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ObjectExistsError);
  });

  it("stores nothing for a body shorter or longer than expected, so the URL can still be used", async () => {
    await expect(local.write("org-size/object", body("a,"), 3, "text/csv")).rejects.toBeInstanceOf(WrongSizeError);
    await expect(local.write("org-size/object", body("a,b,c"), 3, "text/csv")).rejects.toBeInstanceOf(WrongSizeError);
    expect(await local.stat("org-size/object")).toBeNull();
    await local.write("org-size/object", body("a,b"), 3, "text/csv");
    expect(await local.digest("org-size/object")).toEqual({ size: 3, sha256: createHash("sha256").update("a,b").digest("hex") });
  });
});
