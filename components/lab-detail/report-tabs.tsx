"use client";
/**
 * The patient and clinician texts as tabs (WAI-ARIA Authoring Practices, "Tabs with automatic activation"):
 * arrow keys, Home and End move between tabs; only the selected tab is in the tab order. Printing shows both
 * texts, one after the other, without the tab strip.
 */
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { PortalCitation } from "@/lib/portal/schemas";
import { ReportText } from "./report-text";

interface Report {
  key: "patient" | "clinician";
  label: string;
  printHeading: string;
  text: string | null;
  citations: PortalCitation[];
}

export function ReportTabs({ patientText, clinicianText, citations }: { patientText: string | null; clinicianText: string | null; citations: { patient: PortalCitation[]; clinician: PortalCitation[] } }) {
  const reports: Report[] = [
    { key: "patient", label: "Patient text", printHeading: "For the patient", text: patientText, citations: citations.patient },
    { key: "clinician", label: "Clinician text", printHeading: "For the clinician", text: clinicianText, citations: citations.clinician },
  ];
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();

  const select = (index: number) => {
    const next = (index + reports.length) % reports.length;
    setSelected(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: reports.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(moves[event.key]);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white print:border-0">
      <h2 id={`${id}-heading`} className="px-4 pt-4 text-lg font-semibold text-slate-900 sm:px-6 print:hidden">
        Interpretation
      </h2>
      <div role="tablist" aria-label="Interpretation for" onKeyDown={onKeyDown} className="mt-3 flex gap-1 border-b border-slate-200 px-4 sm:px-6 print:hidden">
        {reports.map((report, index) => (
          <button
            key={report.key}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${report.key}`}
            aria-selected={index === selected}
            aria-controls={`${id}-panel-${report.key}`}
            tabIndex={index === selected ? 0 : -1}
            onClick={() => setSelected(index)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none ${
              index === selected ? "border-brand-700 text-brand-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
            }`}
          >
            {report.label}
          </button>
        ))}
      </div>
      {reports.map((report, index) => (
        <div
          key={report.key}
          role="tabpanel"
          id={`${id}-panel-${report.key}`}
          aria-labelledby={`${id}-tab-${report.key}`}
          tabIndex={0}
          className={`${index === selected ? "block" : "hidden"} px-4 py-4 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none sm:px-6 print:block print:px-0`}
        >
          <h3 className="mb-2 hidden text-lg font-semibold print:block">{report.printHeading}</h3>
          {report.text ? (
            <ReportText text={report.text} citations={report.citations} prefix={`${report.key}-source`} />
          ) : (
            <p className="text-sm text-slate-600">This text is written once the lab has been processed.</p>
          )}
        </div>
      ))}
    </section>
  );
}
