"use client";
/**
 * Upload lab reports for a patient: choose or add the patient, drop (or pick) several files, watch each one's
 * bytes go up, then follow it to its lab. The same pre-signed flow as the API — mint a URL
 * (`/api/portal/uploads`), PUT the bytes there, register the upload (`/api/portal/labs`) — so a portal upload
 * is a partner upload in every way that matters. Files Labwise would refuse are refused here first, with why.
 */
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useId, useState } from "react";
import { useDropzone, type FileRejection } from "react-dropzone";
import { toast } from "sonner";
import { MAX_UPLOAD_BYTES, type PortalLabSummary, type PortalPatientRef } from "@/lib/portal/schemas";
import { errorMessage, portalFetch } from "../portal/api";
import { PatientPicker, patientLabel } from "./patient-picker";
import { ACCEPTED_DESCRIPTION, ACCEPTED_FILES, contentTypeOf, refusalReason } from "./upload-files";
import { putWithProgress } from "./upload-transfer";

type ItemState = "uploading" | "registering" | "done" | "failed" | "refused";

interface UploadItem {
  key: string;
  name: string;
  size: number;
  state: ItemState;
  progress: number;
  message?: string;
  labId?: string;
  patient?: string;
}

interface MintedUpload {
  uploadId: string;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
}

let sequence = 0;
const nextKey = () => `upload-${++sequence}`;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function UploadPanel({ initialPatient = null, heading = "Upload lab reports" }: { initialPatient?: PortalPatientRef | null; heading?: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [patient, setPatient] = useState<PortalPatientRef | null>(initialPatient);
  const [items, setItems] = useState<UploadItem[]>([]);

  const update = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const send = useCallback(
    async (key: string, file: File, owner: PortalPatientRef) => {
      try {
        const contentType = contentTypeOf(file);
        if (!contentType) throw new Error(refusalReason("file-invalid-type", file));
        const { data: minted } = await portalFetch<{ data: MintedUpload }>("/api/portal/uploads", {
          method: "POST",
          body: { patientId: owner.id, fileName: file.name, contentType, size: file.size },
        });
        await putWithProgress({ url: minted.uploadUrl, method: minted.method, headers: minted.headers }, file, (progress) => update(key, { progress }));
        update(key, { state: "registering", progress: 1 });
        const { data: lab } = await portalFetch<{ data: PortalLabSummary }>("/api/portal/labs", { method: "POST", body: { uploadId: minted.uploadId } });
        update(key, { state: "done", labId: lab.id });
        void queryClient.invalidateQueries({ queryKey: ["labs"] });
      } catch (error) {
        update(key, { state: "failed", message: errorMessage(error) });
        toast.error(`${file.name} was not uploaded`, { description: errorMessage(error) });
      }
    },
    [queryClient, update],
  );

  const onDrop = useCallback(
    (accepted: File[], rejected: FileRejection[]) => {
      if (!patient) return;
      const refused: UploadItem[] = rejected.map(({ file, errors }) => ({
        key: nextKey(),
        name: file.name,
        size: file.size,
        state: "refused",
        progress: 0,
        message: refusalReason(errors[0]?.code ?? "", file),
      }));
      const started = accepted.map((file) => ({ file, item: { key: nextKey(), name: file.name, size: file.size, state: "uploading" as const, progress: 0, patient: patientLabel(patient) } }));
      setItems((current) => [...started.map((s) => s.item), ...refused, ...current]);
      for (const { file, item } of started) void send(item.key, file, patient);
    },
    [patient, send],
  );

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    accept: ACCEPTED_FILES,
    maxSize: MAX_UPLOAD_BYTES,
    minSize: 1,
    multiple: true,
    disabled: !patient,
    // The drop area is for the mouse; the "Choose files" button inside it is the keyboard's way in, so there is
    // one focusable control, not a focusable region wrapping a button.
    noClick: true,
    noKeyboard: true,
  });

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5 print:hidden">
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <PatientPicker value={patient} onChange={setPatient} />
        <div>
          <p className="text-sm font-semibold text-slate-900">2. Add the files</p>
          <div
            {...getRootProps()}
            className={`mt-2 flex min-h-32 flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-4 text-center transition-colors ${
              !patient ? "cursor-not-allowed border-slate-200 bg-slate-50" : isDragActive ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"
            }`}
          >
            <input {...getInputProps()} aria-label="Lab files" aria-describedby={`${id}-accepted`} />
            <p className="text-sm font-medium text-slate-800">
              {!patient ? "Choose the patient first" : isDragActive ? "Drop the files to upload them" : "Drag lab reports here"}
            </p>
            <button
              type="button"
              disabled={!patient}
              onClick={open}
              aria-describedby={`${id}-accepted`}
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900 disabled:cursor-not-allowed disabled:bg-slate-400"
            >
              Choose files
            </button>
            <p id={`${id}-accepted`} className="text-xs text-slate-600">
              {ACCEPTED_DESCRIPTION}. Several at once.
            </p>
          </div>
        </div>
      </div>
      {items.length > 0 && (
        <ul aria-label="Uploads" className="mt-4 divide-y divide-slate-100 rounded-md border border-slate-200">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATE_TEXT: Record<ItemState, string> = {
  uploading: "Uploading",
  registering: "Starting analysis",
  done: "Received: analysing",
  failed: "Not uploaded",
  refused: "Refused",
};

function UploadRow({ item }: { item: UploadItem }) {
  const problem = item.state === "failed" || item.state === "refused";
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
      <span className="min-w-0 flex-1 truncate font-medium text-slate-900" title={item.name}>
        {item.name}
      </span>
      <span className="text-xs text-slate-600">{formatSize(item.size)}</span>
      <span className={`text-xs font-medium ${problem ? "text-red-800" : item.state === "done" ? "text-emerald-800" : "text-slate-700"}`}>{STATE_TEXT[item.state]}</span>
      {(item.state === "uploading" || item.state === "registering") && (
        <progress className="h-2 w-full overflow-hidden rounded accent-brand-700" max={1} value={item.progress} aria-label={`Uploading ${item.name}`}>
          {Math.round(item.progress * 100)}%
        </progress>
      )}
      {problem && item.message && <p className="w-full text-sm text-red-800">{item.message}</p>}
      {item.state === "done" && item.labId && (
        <Link href={`/labs/${item.labId}`} className="w-full text-sm font-medium text-brand-700 underline hover:text-brand-900">
          Open the lab{item.patient ? ` of ${item.patient}` : ""}
        </Link>
      )}
    </li>
  );
}
