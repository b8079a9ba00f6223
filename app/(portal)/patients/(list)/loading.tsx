import { ListSkeleton } from "@/components/patients/patient-list";

export default function PatientsLoading() {
  return (
    <div>
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
      <div className="mt-2 h-4 w-72 max-w-full animate-pulse rounded bg-slate-100" />
      <div className="mt-6 h-10 w-full max-w-xl animate-pulse rounded-md bg-slate-100" />
      <div className="mt-6">
        <ListSkeleton label="Loading" />
      </div>
    </div>
  );
}
