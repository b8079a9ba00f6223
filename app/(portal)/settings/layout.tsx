import { SettingsNav } from "@/components/settings/settings-nav";

// The settings area's frame: its heading and tabs. Each page checks the admin role itself (requirePortalAdmin):
// a layout's check does not guard the pages App Router renders in parallel with it.
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <p className="text-sm font-semibold text-brand-700">Settings</p>
        <SettingsNav />
      </div>
      {children}
    </div>
  );
}
