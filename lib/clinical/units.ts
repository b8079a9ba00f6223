/**
 * Units: what labs print → UCUM, and conversions between UCUM units with `@lhncbc/ucum-lhc` (the NLM's
 * UCUM implementation), including mass ↔ molar through a molar mass and mEq ↔ mmol through a charge.
 * A unit that cannot be read or converted gives null, never a guess: the caller flags "Indeterminate".
 */
import ucum from "@lhncbc/ucum-lhc";

interface UcumUtils {
  validateUnitString(unit: string, suggest?: boolean): { status: "valid" | "invalid" | "error"; ucumCode?: string | null };
  convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number; charge?: number }): { status: string; toVal: number | null };
}

const utils = (ucum as unknown as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();

/** Spellings labs print, lower-cased and without spaces, → UCUM. */
const PRINTED: Record<string, string> = {
  "mg/dl": "mg/dL",
  "g/dl": "g/dL",
  "g/l": "g/L",
  "mg/l": "mg/L",
  "ng/dl": "ng/dL",
  "ug/dl": "ug/dL",
  "µg/dl": "ug/dL",
  "μg/dl": "ug/dL",
  "mcg/dl": "ug/dL",
  "ug/l": "ug/L",
  "ng/ml": "ng/mL",
  "pg/ml": "pg/mL",
  "mmol/l": "mmol/L",
  "umol/l": "umol/L",
  "µmol/l": "umol/L",
  "μmol/l": "umol/L",
  "nmol/l": "nmol/L",
  "pmol/l": "pmol/L",
  "meq/l": "meq/L",
  "u/l": "U/L",
  "iu/l": "U/L",
  "miu/l": "m[IU]/L",
  "mu/l": "m[IU]/L",
  "uiu/ml": "u[IU]/mL",
  "µiu/ml": "u[IU]/mL",
  "μiu/ml": "u[IU]/mL",
  fl: "fL",
  pg: "pg",
  "%": "%",
  "mm/hr": "mm/h",
  "mm/h": "mm/h",
  "mg/g": "mg/g",
  "mg/gcreat": "mg/g",
  "mg/mmol": "mg/mmol",
  "mmol/mol": "mmol/mol",
  "ml/min": "mL/min",
  "ml/min/1.73m2": "mL/min/{1.73_m2}",
  "ml/min/1.73m^2": "mL/min/{1.73_m2}",
  "ml/min/1.73m²": "mL/min/{1.73_m2}",
  "ml/min/{1.73_m2}": "mL/min/{1.73_m2}",
  "x10^3/ul": "10*3/uL",
  "x10e3/ul": "10*3/uL",
  "10^3/ul": "10*3/uL",
  "10*3/ul": "10*3/uL",
  "10^3/µl": "10*3/uL",
  "k/ul": "10*3/uL",
  "thou/ul": "10*3/uL",
  "x10^6/ul": "10*6/uL",
  "x10e6/ul": "10*6/uL",
  "10^6/ul": "10*6/uL",
  "10*6/ul": "10*6/uL",
  "m/ul": "10*6/uL",
  "mil/ul": "10*6/uL",
  "million/ul": "10*6/uL",
  "x10^9/l": "10*9/L",
  "10^9/l": "10*9/L",
  "10*9/l": "10*9/L",
  "giga/l": "10*9/L",
  "giga.l-1": "10*9/L",
  "x10^12/l": "10*12/L",
  "10^12/l": "10*12/L",
  "10*12/l": "10*12/L",
  "tera/l": "10*12/L",
  "tera.l-1": "10*12/L",
  "/ul": "/uL",
  "cells/ul": "/uL",
  "{cells}/ul": "/uL",
};

/** The UCUM code for a printed unit, or null when it is not a unit UCUM knows. */
export function toUcum(printed: string | null | undefined): string | null {
  if (!printed) return null;
  const compact = printed.trim().replace(/\s+/g, "");
  if (!compact) return null;
  const known = PRINTED[compact.toLowerCase()];
  if (known) return known;
  const checked = utils.validateUnitString(compact);
  return checked.status === "valid" ? (checked.ucumCode ?? compact) : null;
}

export interface ConversionContext {
  /** g/mol, for mass ↔ amount-of-substance conversions. */
  molarMass?: number;
  /** Ionic charge, for mEq ↔ mmol (sodium 1, calcium 2). */
  charge?: number;
}

/**
 * `value` in UCUM unit `from`, expressed in UCUM unit `to`; null when the units are not commensurable
 * (with the context given). Dimensionless ratios (%, mmol/mol) convert only to themselves: HbA1c in
 * mmol/mol (IFCC) and % (NGSP) are related by a regression, not by a unit factor.
 */
export function convert(value: number, from: string, to: string, context: ConversionContext = {}): number | null {
  if (from === to) return value;
  const ratioUnits = new Set(["%", "mmol/mol", "1", "{ratio}"]);
  if (ratioUnits.has(from) || ratioUnits.has(to)) return null;
  const result = utils.convertUnitTo(from, value, to, {
    ...(context.molarMass ? { molecularWeight: context.molarMass } : {}),
    ...(context.charge ? { charge: context.charge } : {}),
  });
  if (result.status !== "succeeded" || result.toVal === null || !Number.isFinite(result.toVal)) return null;
  return result.toVal;
}
