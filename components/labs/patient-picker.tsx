"use client";
/**
 * Whose lab this is: find an existing patient by name or identifier, or add one. Plain radio buttons and a
 * form, so it works with a keyboard and a screen reader without any custom widget.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import type { PortalPatient, PortalPatientRef } from "@/lib/portal/schemas";
import { errorMessage, portalFetch } from "../portal/api";

export function patientLabel(patient: PortalPatientRef): string {
  const name = patient.name ?? "Unnamed patient";
  return patient.externalId ? `${name} (${patient.externalId})` : name;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function PatientPicker({ value, onChange }: { value: PortalPatientRef | null; onChange: (patient: PortalPatientRef | null) => void }) {
  const id = useId();
  const [search, setSearch] = useState("");
  const [adding, setAdding] = useState(false);
  const q = useDebounced(search.trim(), 250);
  const patients = useQuery({
    queryKey: ["patients", "picker", q],
    queryFn: ({ signal }) => portalFetch<{ data: PortalPatient[] }>(`/api/portal/patients?limit=8${q ? `&q=${encodeURIComponent(q)}` : ""}`, { signal }),
    enabled: !value && !adding,
  });

  if (value) {
    return (
      <div className="flex flex-wrap items-center gap-3 rounded-md border border-brand-600/40 bg-brand-50 px-3 py-2">
        <p className="text-sm text-slate-800">
          Patient: <strong className="font-semibold text-slate-900">{patientLabel(value)}</strong>
        </p>
        <button type="button" onClick={() => onChange(null)} className="ml-auto text-sm font-medium text-brand-700 underline hover:text-brand-900">
          Change patient
        </button>
      </div>
    );
  }

  if (adding) return <NewPatientForm onCancel={() => setAdding(false)} onCreated={(patient) => { setAdding(false); onChange(patient); }} />;

  const results = patients.data?.data ?? [];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-slate-900">1. Choose the patient</legend>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-search`} className="block text-sm text-slate-700">
            Find by name or identifier
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            autoComplete="off"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none"
          />
        </div>
        <button type="button" onClick={() => setAdding(true)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          New patient
        </button>
      </div>
      <div aria-live="polite" className="text-sm text-slate-600">
        {patients.isPending && "Searching…"}
        {patients.isError && <span className="text-red-800">{errorMessage(patients.error)}</span>}
        {patients.isSuccess && results.length === 0 && (q ? `No patient matches “${q}”. Add them with New patient.` : "No patients yet. Add one with New patient.")}
      </div>
      {results.length > 0 && (
        <ul className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 bg-white">
          {results.map((patient) => (
            <li key={patient.id}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                <input type="radio" name={`${id}-patient`} value={patient.id} onChange={() => onChange(patient)} className="accent-brand-700" />
                <span className="min-w-0">
                  <span className="block font-medium break-words text-slate-900">{patient.name ?? "Unnamed patient"}</span>
                  {patient.externalId && <span className="block text-xs break-words text-slate-600">{patient.externalId}</span>}
                </span>
                <span className="ml-auto shrink-0 text-xs text-slate-600">
                  {patient.labCount} lab{patient.labCount === 1 ? "" : "s"}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function NewPatientForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (patient: PortalPatient) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: { name: string; externalId?: string }) => portalFetch<{ data: PortalPatient }>("/api/portal/patients", { method: "POST", body: input }),
    onSuccess: ({ data }) => {
      void queryClient.invalidateQueries({ queryKey: ["patients"] });
      onCreated(data);
    },
  });
  return (
    <form
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const externalId = String(form.get("externalId") ?? "").trim();
        create.mutate({ name: String(form.get("name") ?? "").trim(), ...(externalId ? { externalId } : {}) });
      }}
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        New patient
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm text-slate-700">
            Name
          </label>
          <input id={`${id}-name`} name="name" required maxLength={200} autoFocus className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none" />
        </div>
        <div>
          <label htmlFor={`${id}-external`} className="block text-sm text-slate-700">
            Identifier (MRN), optional
          </label>
          <input id={`${id}-external`} name="externalId" maxLength={200} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none" />
        </div>
      </div>
      {create.isError && (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(create.error)}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={create.isPending} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {create.isPending ? "Adding…" : "Add patient"}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
