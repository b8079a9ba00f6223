import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPathFor } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps a page of the portal, with its query and fragment", () => {
    expect(safeCallbackPath("/labs/3f1c?tab=clinician#sources")).toBe("/labs/3f1c?tab=clinician#sources");
    expect(safeCallbackPath("/patients")).toBe("/patients");
  });

  it.each([
    "https://evil.example/labs",
    "//evil.example/labs",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/labs\u0000",
    "/sign-in?callbackUrl=/labs",
    "/api/portal/labs",
    "labs",
    "",
    undefined,
    42,
  ])("sends %j to the labs list instead", (value) => {
    expect(safeCallbackPath(value)).toBe("/labs");
  });
});

describe("signInPathFor", () => {
  it("carries the page asked for, and leaves the default out", () => {
    expect(signInPathFor("/labs/abc?x=1")).toBe("/sign-in?callbackUrl=%2Flabs%2Fabc%3Fx%3D1");
    expect(signInPathFor("/labs")).toBe("/sign-in");
    expect(signInPathFor(null)).toBe("/sign-in");
  });
});
