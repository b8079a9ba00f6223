/**
 * A remark plugin: every `[n]` citation marker in the text becomes a link to entry n of the sources list
 * under it (`#<prefix>-n`), when that entry exists. Markers inside code, links or headings are left as text.
 */
import type { Link, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";

const MARKER = /\[(\d+)\]/g;
const SKIP = new Set(["code", "inlineCode", "link", "linkReference", "heading"]);

export function remarkCitations({ prefix, known }: { prefix: string; known: ReadonlySet<number> }) {
  return (tree: Root) => {
    linkMarkers(tree, prefix, known);
  };
}

function linkMarkers(node: Parent, prefix: string, known: ReadonlySet<number>) {
  node.children = (node.children as RootContent[]).flatMap((child): RootContent[] => {
    if (child.type === "text") return splitText(child, prefix, known);
    if ("children" in child && !SKIP.has(child.type)) linkMarkers(child, prefix, known);
    return [child];
  }) as typeof node.children;
}

function splitText(node: Text, prefix: string, known: ReadonlySet<number>): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(MARKER)) {
    const n = Number(match[1]);
    if (!known.has(n)) continue;
    if (match.index > last) out.push({ type: "text", value: node.value.slice(last, match.index) });
    out.push(citationLink(n, prefix));
    last = match.index + match[0].length;
  }
  if (last === 0) return [node];
  if (last < node.value.length) out.push({ type: "text", value: node.value.slice(last) });
  return out;
}

function citationLink(n: number, prefix: string): Link {
  return {
    type: "link",
    url: `#${prefix}-${n}`,
    children: [{ type: "text", value: `[${n}]` }],
    data: { hProperties: { "aria-label": `Source ${n}`, "data-citation": String(n) } },
  };
}
