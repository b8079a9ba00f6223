"use client";
/**
 * "Calculated" beside a derived value, with its formula in a tooltip that opens on hover and on keyboard
 * focus and closes with Escape (WAI-ARIA tooltip pattern; WCAG 1.4.13). The formula is also the button's
 * description, and printed beside the badge.
 */
import { useId, useState } from "react";

export function CalculatedBadge({ formula }: { formula: string | null }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const text = formula ? `Calculated: ${formula}` : "Calculated by Labwise from other results";
  return (
    <span className="relative inline-block" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        aria-describedby={id}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
        className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-900 ring-1 ring-brand-600/40 hover:bg-brand-600 hover:text-white focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none print:hidden"
      >
        Calculated
      </button>
      <span
        role="tooltip"
        id={id}
        className={`absolute top-full left-0 z-20 mt-1 w-max max-w-64 rounded-md bg-slate-900 px-2 py-1 text-xs font-normal text-white shadow-lg ${open ? "visible" : "invisible"} print:hidden`}
      >
        {text}
      </span>
      <span className="hidden text-xs text-slate-700 print:inline">({text})</span>
    </span>
  );
}
