import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { buildPanel, type PanelValue } from "../panel";
import { measured } from "../test-support";
import { clinicianNarrative } from "./clinician";
import { escapeMarkdown } from "./escape";
import { patientNarrative } from "./patient";

/** Markdown as partners render it: CommonMark with GitHub's extensions (tables, autolink literals, …). */
const parse = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function nodes(tree: Nodes): Nodes[] {
  return [tree, ...("children" in tree ? tree.children.flatMap((child) => nodes(child)) : [])];
}

/** Node types that would turn a lab's string into something other than text. */
const ACTIVE = ["link", "linkReference", "image", "imageReference", "html", "definition", "footnoteReference", "footnoteDefinition"];

const HOSTILE = [
  "Glucose](https://evil.example)<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "![pixel](https://evil.example/p.png)",
  "<script>alert(1)</script>",
  "# Heading\n* list",
  "- item",
  "+ item",
  "1. first",
  "2) second",
  "> quote",
  "===",
  "---",
  "mg/dL | x | y",
  "**bold** _em_ ~~struck~~ `code`",
  "see https://evil.example or www.evil.example or mail evil@evil.example",
  "&lt;img src=x&gt; &#106;avascript &amp;",
  "ends with a backslash \\",
  "[^1] [ ] [x]: https://evil.example",
  "(https://evil.example)",
  "Alert!",
  "line\r\nbreak\u2028separator\u0000nul",
];

/** What the reader should see: the same characters, line breaks as spaces. */
const literal = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();

/** The text a renderer shows, without the invisible word joiners that keep addresses from becoming links. */
const shown = (node: Nodes) => toString(node).replaceAll("\u2060", "");

describe("escapeMarkdown", () => {
  it.each(HOSTILE)("renders %j as the same text and nothing else", (text) => {
    const tree = parse(escapeMarkdown(text));
    expect(tree.children).toHaveLength(1);
    const [paragraph] = tree.children;
    expect(paragraph.type).toBe("paragraph");
    expect(nodes(paragraph).slice(1).map((n) => n.type)).toEqual(["text"]);
    expect(shown(paragraph)).toBe(literal(text));
  });

  it.each(HOSTILE)("keeps %j inert after a bracket, in a heading, a list item and a table cell", (text) => {
    const escaped = escapeMarkdown(text);
    const tree = parse([`[1]${escaped}`, "", `## ${escaped}`, "", `- ${escaped}`, "", "| A | B |", "|---|---|", `| ${escaped} | b |`].join("\n"));
    for (const node of nodes(tree)) expect(ACTIVE).not.toContain(node.type);
    expect(tree.children.map((n) => n.type)).toEqual(["paragraph", "heading", "list", "table"]);
    const [, heading, list, table] = tree.children;
    expect(shown(heading)).toBe(literal(text));
    expect(shown(list)).toBe(literal(text));
    if (table.type !== "table") throw new Error("expected a table");
    expect(table.children.map((row) => row.children.length)).toEqual([2, 2]);
    expect(shown(table.children[1].children[0])).toBe(literal(text));
  });

  it("leaves ordinary names, units and ranges as they read", () => {
    for (const text of ["Blood sugar (glucose)", "hs-CRP", "25(OH)D", "mL/min/1.73 m²", "3.5–5.1 mmol/L", "Na − (Cl + HCO3)"]) expect(escapeMarkdown(text)).toBe(text);
  });
});

const NAME = "Glucose](https://evil.example)<img src=x onerror=alert(1)>";
const NOTE = "# Heading\n* list";

/** Results as a lab file could send them: names, units, text results and printed ranges it chose. */
function hostilePanel() {
  // An analyte the catalogue does not know, with the lab's own strings in every field the narratives show.
  const raw = (name: string, fields: Partial<PanelValue>): PanelValue => ({
    ...measured({ name: "Not in the catalogue", value: "none" }),
    code: `raw:${name.toLowerCase()}`,
    name,
    patientName: name,
    category: null,
    value: null,
    text: null,
    unit: "",
    flag: null,
    reference: null,
    observedAt: new Date("2025-01-15"),
    ...fields,
  });
  const results = [
    raw(NAME, { value: 130, unit: "mg/dL | x", flag: "High", category: "Other](https://evil.example)", reference: { text: "70-99 | <b>x</b>", source: "lab" } }),
    raw(NAME, { value: 110, unit: "mg/dL | x", flag: "High", reference: { text: "70-99 | <b>x</b>", source: "lab" }, observedAt: new Date("2024-07-10") }),
    raw("Urine_screen", { text: NOTE, flag: "Abnormal" }),
    raw("![pixel](https://evil.example/p.png)", { value: 9, unit: "mmol/L", flag: "Critical", reference: { text: "www.evil.example", source: "lab" } }),
    raw("[note](javascript:alert(1))", { text: "<script>alert(1)</script> evil@evil.example" }),
  ];
  const panel = buildPanel(results);
  const interpretation = interpret(panel, {});
  return { patient: patientNarrative(interpretation, panel).markdown, clinician: clinicianNarrative(interpretation, panel).markdown };
}

describe("a lab file's strings in the patient and clinician Markdown", () => {
  const texts = hostilePanel();

  it.each(["patient", "clinician"] as const)("stay text in the %s Markdown: no link, image or HTML", (audience) => {
    const tree = parse(texts[audience]);
    for (const node of nodes(tree)) expect(ACTIVE).not.toContain(node.type);
    expect(shown(tree)).toContain(NAME);
  });

  it.each(["patient", "clinician"] as const)("add no heading or list item of their own to the %s Markdown", (audience) => {
    const tree = parse(texts[audience]);
    const headings = nodes(tree).filter((n) => n.type === "heading").map((n) => toString(n));
    expect(headings).not.toContain("Heading");
    expect(nodes(tree).filter((n) => n.type === "listItem").map((n) => toString(n))).not.toContain("list");
    expect(shown(tree)).toContain(literal(NOTE));
  });

  it("keep each table row of the clinician Markdown to its columns when a unit holds a pipe", () => {
    const tables = nodes(parse(texts.clinician)).filter((n) => n.type === "table");
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const widths = table.children.map((row) => row.children.length);
      expect(new Set(widths).size).toBe(1);
    }
    expect(shown(parse(texts.clinician))).toContain("mg/dL | x");
  });
});
