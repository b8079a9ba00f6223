"use client";
/**
 * The /coach page's body: the organisation's profiles (the active one marked, each with its version and
 * status), a candidate created from scratch or from the active profile and changed, deploys behind a
 * confirmation naming the profile replaced, the one-click roll back, the deploy history and "Try it".
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { PortalCoachOverview, PortalCoachProfile, PortalDeployOutcome } from "@/lib/portal/coach-schemas";
import { errorMessage, portalFetch } from "../portal/api";
import { ConfirmDialog } from "../portal/confirm-dialog";
import { LocalTime } from "../portal/local-time";
import { bodyOf, draftOf, EMPTY_DRAFT, ProfileForm, type ProfileDraft } from "./profile-form";
import { TryIt } from "./try-it";

export const COACH_KEY = ["coach", "overview"] as const;

type Editing = { mode: "new"; from: PortalCoachProfile | null } | { mode: "edit"; profile: PortalCoachProfile } | null;

export const profileLabel = (p: Pick<PortalCoachProfile, "name" | "version">) => `${p.name} (v${p.version})`;

const STATUS_STYLE: Record<string, string> = {
  active: "bg-green-100 text-green-900",
  candidate: "bg-amber-100 text-amber-900",
  retired: "bg-slate-100 text-slate-700",
};

export function CoachAdmin() {
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: COACH_KEY, queryFn: ({ signal }) => portalFetch<{ data: PortalCoachOverview }>("/api/portal/coach", { signal }).then((r) => r.data) });
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<PortalCoachProfile | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["coach"] });
  const save = useMutation({
    mutationFn: (draft: ProfileDraft) =>
      editing?.mode === "edit"
        ? portalFetch<{ data: PortalCoachProfile }>(`/api/portal/coach/profiles/${editing.profile.id}`, { method: "PATCH", body: bodyOf(draft) })
        : portalFetch<{ data: PortalCoachProfile }>("/api/portal/coach/profiles", { method: "POST", body: { ...bodyOf(draft), ...(editing?.from ? { fromProfileId: editing.from.id } : {}) } }),
    onSuccess: ({ data }) => {
      toast.success(editing?.mode === "edit" ? `Saved ${profileLabel(data)}` : `Created candidate ${profileLabel(data)}`);
      setEditing(null);
      void refresh();
    },
  });
  const deploy = useMutation({
    mutationFn: (profile: PortalCoachProfile) => portalFetch<{ data: PortalDeployOutcome }>(`/api/portal/coach/profiles/${profile.id}/deploy`, { method: "POST" }),
    onSuccess: (_, profile) => {
      toast.success(`${profileLabel(profile)} is now the active coach`);
      setConfirming(null);
      void refresh();
    },
  });
  const rollBack = useMutation({
    mutationFn: () => portalFetch<{ data: PortalDeployOutcome }>("/api/portal/coach/rollback", { method: "POST" }),
    onSuccess: ({ data }) => {
      const profile = overview.data?.profiles.find((p) => p.id === data.activeProfileId);
      toast.success(`Rolled back: ${profile ? profileLabel(profile) : "the previous profile"} is the active coach again`);
      void refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (overview.isPending) return <p className="text-sm text-slate-700">Loading the coach profiles…</p>;
  if (overview.isError)
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {errorMessage(overview.error)}{" "}
        <button type="button" className="underline" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </p>
    );

  const { profiles, activeProfileId, deploys, rollbackProfileId } = overview.data;
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const active = activeProfileId ? (byId.get(activeProfileId) ?? null) : null;
  const rollbackTo = rollbackProfileId ? (byId.get(rollbackProfileId) ?? null) : null;

  return (
    <div className="space-y-8">
      <section aria-labelledby="active-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="active-heading" className="text-lg font-semibold text-slate-900">
          Active coach
        </h2>
        <p className="mt-1 text-slate-800" data-testid="active-profile">
          {active ? (
            <>
              <strong>{profileLabel(active)}</strong>, deployed {active.deployedAt && <LocalTime iso={active.deployedAt} />}
            </>
          ) : (
            "No profile is deployed yet: members cannot chat with the coach until one is."
          )}
        </p>
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="button" onClick={() => setEditing({ mode: "new", from: null })} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900">
            New candidate
          </button>
          {active && (
            <button type="button" onClick={() => setEditing({ mode: "new", from: active })} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
              New candidate from the active profile
            </button>
          )}
          {rollbackTo && (
            <button
              type="button"
              disabled={rollBack.isPending}
              onClick={() => rollBack.mutate()}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
            >
              Roll back to {profileLabel(rollbackTo)}
            </button>
          )}
        </div>
      </section>

      {editing && (
        <ProfileForm
          key={editing.mode === "edit" ? editing.profile.id : (editing.from?.id ?? "new")}
          heading={editing.mode === "edit" ? `Edit ${profileLabel(editing.profile)}` : editing.from ? `New candidate from ${profileLabel(editing.from)}` : "New candidate"}
          submitLabel={editing.mode === "edit" ? "Save changes" : "Create candidate"}
          initial={editing.mode === "edit" ? draftOf(editing.profile) : editing.from ? draftOf(editing.from) : EMPTY_DRAFT}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : null}
          onSubmit={(draft) => save.mutate(draft)}
          onCancel={() => {
            save.reset();
            setEditing(null);
          }}
        />
      )}

      <section aria-labelledby="profiles-heading">
        <h2 id="profiles-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Profiles
        </h2>
        {profiles.length === 0 ? (
          <p className="text-sm text-slate-700">No profiles yet. Create a candidate to start.</p>
        ) : (
          <ul className="space-y-2">
            {profiles.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={`${profileLabel(p)}, ${p.status}`}>
                <span className="font-medium text-slate-900">{p.name}</span>
                <span className="text-sm text-slate-700">v{p.version}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[p.status]}`}>{p.status === "active" ? "Active" : p.status === "candidate" ? "Candidate" : "Retired"}</span>
                <span className="text-sm text-slate-600">
                  {p.tone}, {p.readingLevel}
                </span>
                <span className="ml-auto flex flex-wrap gap-2">
                  {p.status === "candidate" && (
                    <button type="button" onClick={() => setEditing({ mode: "edit", profile: p })} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
                      Edit<span className="sr-only"> {profileLabel(p)}</span>
                    </button>
                  )}
                  {p.status !== "active" && (
                    <button type="button" onClick={() => setConfirming(p)} className="rounded-md bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-900">
                      Deploy<span className="sr-only"> {profileLabel(p)}</span>
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TryIt profiles={profiles} activeProfileId={activeProfileId} />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Deploy history
        </h2>
        {deploys.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing deployed yet.</p>
        ) : (
          <ol className="space-y-1 text-sm text-slate-800">
            {deploys.map((d) => {
              const to = byId.get(d.toProfileId);
              const from = d.fromProfileId ? byId.get(d.fromProfileId) : null;
              return (
                <li key={d.id} className="rounded-md border border-slate-200 bg-white px-3 py-2">
                  <LocalTime iso={d.deployedAt} />: <strong>{to ? profileLabel(to) : d.toProfileId}</strong>
                  {from ? <> replaced {profileLabel(from)}</> : " (first deploy)"}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <DeployDialog
        profile={confirming}
        replaces={active}
        pending={deploy.isPending}
        error={deploy.isError ? errorMessage(deploy.error) : null}
        onConfirm={() => confirming && deploy.mutate(confirming)}
        onClose={() => {
          deploy.reset();
          setConfirming(null);
        }}
      />
    </div>
  );
}

/** The confirmation before a deploy: which profile becomes active and which one it replaces. */
function DeployDialog({
  profile,
  replaces,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  profile: PortalCoachProfile | null;
  replaces: PortalCoachProfile | null;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      open={profile !== null}
      title={profile ? `Deploy ${profileLabel(profile)}?` : ""}
      confirmLabel="Deploy"
      pendingLabel="Deploying…"
      pending={pending}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {profile && (
        <p>
          {replaces ? (
            <>
              It replaces <strong>{profileLabel(replaces)}</strong>, the active coach. New chat sessions open with {profile.name}; sessions already open keep their coach.
              You can roll back in one click.
            </>
          ) : (
            <>It becomes the organisation&apos;s first active coach: members can start chatting with it.</>
          )}
        </p>
      )}
    </ConfirmDialog>
  );
}
