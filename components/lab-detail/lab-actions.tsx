"use client";
/**
 * What a clinician does with a lab: download its FHIR R4 Bundle or the original file, copy the clinician
 * text (with its sources, so the numbers still mean something where it is pasted), print. An admin also
 * gets the audit log filtered to this lab: who has read it.
 */
import Link from "next/link";
import { toast } from "sonner";
import type { PortalCitation, PortalLabDetail } from "@/lib/portal/schemas";

const button =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none";

export function LabActions({ lab, readersHref }: { lab: PortalLabDetail; readersHref?: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(withSources(lab.clinicianText ?? "", lab.citations.clinician));
      toast.success("Copied");
    } catch {
      toast.error("The browser did not allow copying. Select the text and copy it instead.");
    }
  };
  if (!lab.hasFhirBundle && !lab.hasFile && !lab.clinicianText && lab.status !== "ready" && !readersHref) return null;
  return (
    <div role="group" aria-label="Lab actions" className="flex flex-wrap gap-2 print:hidden">
      {lab.hasFhirBundle && (
        <a href={`/api/portal/labs/${lab.id}/fhir`} download={`lab-${lab.id}.fhir.json`} className={button}>
          <span aria-hidden="true">⤓</span> FHIR Bundle
        </a>
      )}
      {lab.hasFile && (
        <a href={`/api/portal/labs/${lab.id}/file`} className={button}>
          <span aria-hidden="true">⤓</span> Original file
        </a>
      )}
      {lab.clinicianText && (
        <button type="button" onClick={copy} className={button}>
          Copy clinician text
        </button>
      )}
      {lab.status === "ready" && (
        <button type="button" onClick={() => window.print()} className={button}>
          Print
        </button>
      )}
      {readersHref && (
        <Link href={readersHref} className={button}>
          Who has read this result
        </Link>
      )}
    </div>
  );
}

function withSources(text: string, citations: PortalCitation[]): string {
  if (!citations.length) return text;
  return `${text.trimEnd()}\n\nSources\n${citations.map((c) => `[${c.number}] ${c.title}. ${c.url}`).join("\n")}\n`;
}
