/** Number formatting shared by the rules' sentences. */

/** At most `digits` decimals, no trailing zeros: 38 → "38", 1.80 → "1.8", 0.125 → "0.13". */
export function fmt(value: number, digits = 1): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** The printed UCUM unit as people read it. */
export function unitLabel(unit: string): string {
  return unit.replace("{1.73_m2}", "1.73 m²").replace("10*9/L", "×10⁹/L").replace("10*12/L", "×10¹²/L").replace("10*3/uL", "×10³/µL").replace("10*6/uL", "×10⁶/µL").replace("[IU]", "IU").replace(/\{[^}]*\}/g, "").replace(/^ratio$/, "").trim();
}

/** "1.8 mg/dL" */
export function withUnit(value: number, unit: string, digits = 1): string {
  const label = unitLabel(unit);
  if (label === "%") return `${fmt(value, digits)}%`;
  return label ? `${fmt(value, digits)} ${label}` : fmt(value, digits);
}
