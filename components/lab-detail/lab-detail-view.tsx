"use client";
/**
 * The lab detail page's body. The server renders it with the lab it read (`initial`); while the pipeline
 * runs, react-query polls the lab and the page follows the steps without a reload.
 */
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/components/portal/api";
import type { PortalLabDetail, PortalLabStatus } from "@/lib/portal/schemas";
import { AnalytesTable } from "./analytes-table";
import { CriticalBanner } from "./critical-banner";
import { FailedPanel } from "./failed-panel";
import { FindingsList } from "./findings-list";
import { LabActions } from "./lab-actions";
import { LabHeader } from "./lab-header";
import { MicrobiologySection } from "./microbiology-section";
import { PipelineTimeline } from "./pipeline-timeline";
import { ReportTabs } from "./report-tabs";
import { TrendsTable } from "./trends-table";
import { useLabDetail } from "./use-lab-detail";

const STATUS_WORDS: Record<PortalLabStatus, string> = {
  pending: "Waiting to be processed",
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
};

/** `readersHref`: for an admin, the audit log filtered to this lab. */
export function LabDetailView({ initial, readersHref }: { initial: PortalLabDetail; readersHref?: string }) {
  const query = useLabDetail(initial);
  const lab = query.data;
  useAnnounceReady(lab.status);
  const running = lab.status === "pending" || lab.status === "processing";

  return (
    <div className="space-y-6 print:space-y-4">
      <LabHeader lab={lab} />
      <p role="status" className="sr-only">
        Status: {STATUS_WORDS[lab.status]}
      </p>
      <LabActions lab={lab} readersHref={readersHref} />
      {query.isError && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 print:hidden">
          <p>
            This page could not be brought up to date: {errorMessage(query.error)} What you see is from <span className="font-medium">the last successful load</span>.
          </p>
          <button
            type="button"
            onClick={() => void query.refetch()}
            className="rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
          >
            Try again
          </button>
        </div>
      )}
      {lab.status === "failed" && <FailedPanel lab={lab} />}
      {(running || lab.status === "failed") && <PipelineTimeline steps={lab.steps} status={lab.status} />}
      <CriticalBanner values={lab.criticalValues} />
      {lab.status === "ready" && (
        <>
          {/* A report of cultures alone has no chemistry to find things in or to list. */}
          {(lab.analyteCount > 0 || lab.microbiology.length === 0) && (
            <>
              <FindingsList findings={lab.findings} />
              <AnalytesTable groups={lab.analyteGroups} count={lab.analyteCount} />
            </>
          )}
          <MicrobiologySection cultures={lab.microbiology} />
          <ReportTabs patientText={lab.patientText} clinicianText={lab.clinicianText} citations={lab.citations} />
          <TrendsTable trends={lab.trends} />
          <PipelineTimeline steps={lab.steps} status={lab.status} />
        </>
      )}
    </div>
  );
}

/** A toast when a lab the viewer is watching becomes ready or fails, not when it was already so. */
function useAnnounceReady(status: PortalLabStatus) {
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was === status || (was !== "pending" && was !== "processing")) return;
    if (status === "ready") toast.success("Lab ready");
    if (status === "failed") toast.error("The lab could not be processed");
  }, [status]);
}
