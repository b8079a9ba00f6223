/**
 * HL7 v2 escape sequences in text fields (HL7 v2.5.1 §2.7): `\F\` `|`, `\S\` `^`, `\T\` `&`, `\R\` `~`,
 * `\E\` the escape character itself, `\.br\` a line break; `\Xhh…\` (hex data) and `\H\`/`\N\` (highlighting)
 * carry nothing a person reads and are dropped. Read in one pass from left to right, as the standard means:
 * replacing one sequence after another would read the escaped text `\E\F\E\` (a literal "\F\") as "\|\".
 */
const DELIMITERS: Record<string, string> = { F: "|", S: "^", T: "&", R: "~", E: "\\" };
const SEQUENCE = /\\(\.[bB][rR]|[FSTRE]|X[0-9A-Fa-f]*|H|N)\\/g;

export function unescapeHl7(text: string, lineBreak = "\n"): string {
  return text.replace(SEQUENCE, (_, code: string) => (code.startsWith(".") ? lineBreak : (DELIMITERS[code] ?? "")));
}
