import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { remarkCitations } from "./remark-citations";

const run = (tree: Root, known = [1, 2]) => {
  remarkCitations({ prefix: "clinician-source", known: new Set(known) })(tree);
  return tree;
};

const paragraph = (value: string): Root => ({ type: "root", children: [{ type: "paragraph", children: [{ type: "text", value }] }] });

describe("citation markers in a lab's text", () => {
  it("link each known [n] to its numbered source, keeping the text around them", () => {
    const tree = run(paragraph("Potassium 6.8 mmol/L. [1][2] Repeat the test."));
    expect(tree.children[0]).toMatchObject({
      children: [
        { type: "text", value: "Potassium 6.8 mmol/L. " },
        { type: "link", url: "#clinician-source-1", children: [{ type: "text", value: "[1]" }], data: { hProperties: { "aria-label": "Source 1" } } },
        { type: "link", url: "#clinician-source-2" },
        { type: "text", value: " Repeat the test." },
      ],
    });
  });

  it("leave a number without a source, and markers inside code, as text", () => {
    const tree = run({
      type: "root",
      children: [
        { type: "paragraph", children: [{ type: "text", value: "See [7]." }] },
        { type: "code", value: "[1]" },
        { type: "paragraph", children: [{ type: "inlineCode", value: "[1]" }] },
      ],
    });
    expect(tree.children[0]).toMatchObject({ children: [{ type: "text", value: "See [7]." }] });
    expect(tree.children[1]).toEqual({ type: "code", value: "[1]" });
    expect(tree.children[2]).toMatchObject({ children: [{ type: "inlineCode", value: "[1]" }] });
  });

  it("find markers inside lists and emphasis", () => {
    const tree = run({
      type: "root",
      children: [{ type: "list", children: [{ type: "listItem", children: [{ type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: "High [2]" }] }] }] }] }],
    });
    expect(JSON.stringify(tree)).toContain('"url":"#clinician-source-2"');
  });
});
