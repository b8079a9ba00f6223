/** A number as a lab would print it: no float noise (0.30000000000000004 → 0.3). Pure; pages import it too. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}
