import { describe, expect, it } from "vitest";
import { unescapeHl7 } from "./hl7-escapes";

describe("unescapeHl7", () => {
  it.each([
    ["Na\\T\\K", "Na&K"],
    ["a\\F\\b\\S\\c\\R\\d\\E\\e", "a|b^c~d\\e"],
    ["line\\.br\\two", "line\ntwo"],
    ["\\H\\bold\\N\\ \\X0D0A\\text", "bold text"],
    // Escaped escape sequences are text: read left to right, each sequence once.
    ["\\E\\F\\E\\", "\\F\\"],
    ["G\\E\\X0D\\E\\", "G\\X0D\\"],
    ["\\E\\.br\\E\\", "\\.br\\"],
    ["no escapes", "no escapes"],
    ["a lone \\ backslash", "a lone \\ backslash"],
  ])("%j → %j", (escaped, text) => {
    expect(unescapeHl7(escaped)).toBe(text);
  });
});
