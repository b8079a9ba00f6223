/**
 * Text from outside Labwise (a lab file's analyte names, values, units, ranges, categories) made inert in
 * Markdown. The patient and clinician texts are Markdown that partners and the portal render, so a string a lab
 * file chose must come out as the same characters, never as a link, image, raw HTML, heading, list, table cell
 * or emphasis. Follows CommonMark 0.31 §2.4 (any ASCII punctuation may be backslash-escaped) and GitHub
 * Flavored Markdown (tables, strikethrough, autolink literals), which is what partners' renderers speak.
 */

/**
 * Characters that open or close inline syntax wherever they stand: backslash, code spans, emphasis, link and
 * image brackets, raw HTML and autolinks, GFM table cells, GFM strikethrough and character references.
 */
const ALWAYS = /[\\`*_[\]<>|~&]/g;

/**
 * Block syntax is only syntax at the start of a line: a heading, list item (`-`, `+`, `1.`, `1)` before a
 * space), thematic break or setext underline (`---`, `===`). Newlines are collapsed, so the start of the
 * string is the only line start it can have; a quote's `>` is escaped everywhere. "-5" and "3.5" stay as
 * they are.
 */
const LINE_START = /^(?:#|[-+=](?=[\s\-+=]|$)|\d{1,9}[.)](?=\s|$))/;

/**
 * What GFM turns into a link with no syntax at all (`https://…`, `www.…`, `name@host`). Its autolink literals
 * are found in the text after escapes are resolved (mdast-util-gfm-autolink-literal), so no escape stops them;
 * a WORD JOINER (U+2060, invisible) before the `//`, the `.` or the `@` does.
 */
const AUTOLINK = /:(?=\/\/)|(?<=www)(?=\.)|(?=@)/gi;

/** C0/C1 controls and line or paragraph separators: a newline in disguise, or invisible. */
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * `text` as Markdown that renders as exactly `text` (with its line breaks collapsed to spaces). Use it for
 * every string that did not come from Labwise's own sources, where it is interpolated into Markdown;
 * Labwise's own wording is written as Markdown already.
 *
 * `(`, `)` and `!` only mean something after `]` or before `[`, which are always escaped; a leading `(` is
 * escaped too, in case the text follows a `]` of the surrounding Markdown. A bare address is broken by an
 * invisible word joiner (see AUTOLINK), so it reads the same but is not a link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(BREAKS, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(ALWAYS, "\\$&")
    .replace(AUTOLINK, (match: string) => `${match}\u2060`)
    .replace(/^\(/, "\\(")
    .replace(/!$/, "\\!")
    .replace(LINE_START, (start: string) => `${start.slice(0, -1)}\\${start.slice(-1)}`);
}
