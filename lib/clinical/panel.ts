/**
 * The results a rule reads: one entry per catalogue analyte, at its latest date, in the catalogue's canonical
 * unit, with the earlier values of the same analyte (from this file or the member's earlier labs) for trends.
 * Pure.
 */
import type { Flag } from "./flags";
import type { SourceId } from "./sources";

/**
 * Where an analyte's identity comes from: `catalogue` — a catalogue code (`creatinine`, `egfr`), whether the
 * lab measured it or the engine calculated it; `raw` — a measured analyte the catalogue does not know;
 * `derived` — an engine calculation the catalogue does not know (BUN/creatinine ratio). Code that needs to
 * tell them apart reads `kind`, never the shape of `code`.
 */
export type AnalyteKind = "catalogue" | "raw" | "derived";

/**
 * The panel key of an analyte the catalogue does not know: `raw:<name>` or `derived:<slug>`. The prefix only
 * keeps a raw and a derived value of the same name apart in one panel; nothing reads it back (see `kind`).
 */
export function uncataloguedCode(kind: Exclude<AnalyteKind, "catalogue">, name: string): string {
  return `${kind}:${name}`;
}

export interface PanelValue {
  /**
   * Catalogue code (`creatinine`, `hba1c`, …); an analyte the catalogue does not know is keyed by
   * `uncataloguedCode` and only the generic out-of-range rule reads it.
   */
  code: string;
  /** Whether `code` is a catalogue code, or the key of a raw or derived analyte the catalogue does not know. */
  kind: AnalyteKind;
  /** The name shown to the clinician. */
  name: string;
  /** The name shown to the patient, and one plain sentence on what the test measures. */
  patientName: string;
  explanation?: string;
  category: string | null;
  /** Value in the catalogue's canonical unit; null when the value was text or its unit could not be reconciled. */
  value: number | null;
  /** `<` or `>` when the lab reported a bound rather than a value ("<0.5"). */
  comparator: string | null;
  /** The result as received, for text results ("Negative", "1+"). */
  text: string | null;
  /** The catalogue's canonical UCUM unit (the received unit for an analyte the catalogue does not know). */
  unit: string;
  /**
   * The number and unit as the lab printed them, when it printed a number: what both texts show first, with
   * `value` in `unit` beside it when they differ, and alone when `value` could not be converted.
   */
  reported?: { value: number; unit: string | null };
  /** The source of a conversion that is a regression rather than a unit factor (HbA1c IFCC → NGSP). */
  conversionSource?: SourceId;
  flag: Flag | null;
  /**
   * The interval the flag was read against, in `unit`; `text` is the range as printed, when there was one;
   * `problem` says why a printed range was unusable (then it has no bounds and flagged nothing).
   */
  reference: { low?: number; high?: number; text?: string; source: "lab" | "catalogue"; problem?: string } | null;
  observedAt: Date | null;
  /** Calculated by the engine rather than measured (a catalogue analyte such as eGFR can be either). */
  derived: boolean;
  /** How a derived value was calculated, and the published source of the formula. */
  formula?: string;
  formulaSource?: SourceId;
  /** The lab's status when the result is not final (HL7 OBX-11, FHIR Observation.status). */
  resultStatus?: "preliminary" | "corrected";
}

export interface HistoryPoint {
  value: number;
  observedAt: Date | null;
}

export class Panel {
  private readonly byCode: Map<string, PanelValue>;
  private readonly earlier: Map<string, HistoryPoint[]>;

  constructor(values: readonly PanelValue[], history: ReadonlyMap<string, readonly HistoryPoint[]> = new Map()) {
    this.byCode = new Map(values.map((v) => [v.code, v]));
    this.earlier = new Map([...history].map(([code, points]) => [code, [...points]]));
  }

  /** The latest result of an analyte. */
  get(code: string): PanelValue | undefined {
    return this.byCode.get(code);
  }

  /** The latest numeric value of an analyte in its canonical unit. */
  value(code: string): number | undefined {
    return this.byCode.get(code)?.value ?? undefined;
  }

  has(...codes: string[]): boolean {
    return codes.every((code) => this.value(code) !== undefined);
  }

  /** This panel with more values (derived ones); a value replaces one with the same code. */
  with(values: readonly PanelValue[]): Panel {
    return new Panel([...this.byCode.values(), ...values], this.earlier);
  }

  get values(): PanelValue[] {
    return [...this.byCode.values()];
  }

  /** Earlier values of an analyte, oldest first, not including the latest. */
  history(code: string): HistoryPoint[] {
    return this.earlier.get(code) ?? [];
  }
}

/**
 * A panel from every result received for one lab, in any order: the latest result of each analyte is
 * interpreted and the earlier ones (a file holding a history, plus `earlier` results from the member's
 * previous labs) become its history. A result without a date counts as the newest of the file it came in.
 * A history holds one point per instant, each strictly before the latest result: two results taken at the
 * same moment (a duplicate, or the same test from two sources) are not a change over time.
 */
export function buildPanel(results: readonly PanelValue[], earlier: readonly (HistoryPoint & { code: string })[] = []): Panel {
  const time = (at: Date | null) => at?.getTime() ?? Infinity;
  const latest = new Map<string, PanelValue>();
  const history = new Map<string, HistoryPoint[]>();
  const remember = (code: string, point: HistoryPoint) => history.set(code, [...(history.get(code) ?? []), point]);
  for (const result of results) {
    const current = latest.get(result.code);
    if (!current || time(result.observedAt) >= time(current.observedAt)) {
      if (current?.value != null) remember(current.code, { value: current.value, observedAt: current.observedAt });
      latest.set(result.code, result);
    } else if (result.value !== null) {
      remember(result.code, { value: result.value, observedAt: result.observedAt });
    }
  }
  for (const point of earlier) {
    const current = latest.get(point.code);
    if (current && time(point.observedAt) < time(current.observedAt)) remember(point.code, { value: point.value, observedAt: point.observedAt });
  }
  for (const [code, points] of history) {
    const latestTime = time(latest.get(code)!.observedAt);
    // One point per instant (the last received wins, as for the latest result), all before the latest.
    const byInstant = new Map<number, HistoryPoint>();
    for (const point of points) if (time(point.observedAt) < latestTime) byInstant.set(time(point.observedAt), point);
    history.set(code, [...byInstant.values()].sort((a, b) => time(a.observedAt) - time(b.observedAt)));
  }
  return new Panel([...latest.values()], history);
}
