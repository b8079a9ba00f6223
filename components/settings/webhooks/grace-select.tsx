"use client";
/** How long a rotated-out secret keeps signing alongside the new one. */
import { useId } from "react";
import { GRACE_HOUR_CHOICES } from "@/lib/portal/settings-webhooks-schemas";
import { graceLabel } from "./use-webhooks";

export function GraceSelect({ value, onChange }: { value: number; onChange: (hours: number) => void }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        Grace period for the current secret
      </label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
        {GRACE_HOUR_CHOICES.map((hours) => (
          <option key={hours} value={hours}>
            {hours === 0 ? "None: it stops signing at once" : graceLabel(hours)}
          </option>
        ))}
      </select>
    </div>
  );
}
