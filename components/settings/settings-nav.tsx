"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The settings sections, in the order an admin sets an organisation up. */
export const SETTINGS_SECTIONS = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/deliveries", label: "Deliveries" },
  { href: "/settings/audit", label: "Audit log" },
  { href: "/settings/organization", label: "Organisation" },
] as const;

/** The settings area's own navigation: a row of tabs that scrolls sideways on a phone. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="-mx-4 overflow-x-auto border-b border-slate-200 px-4">
      <ul className="flex min-w-max gap-1">
        {SETTINGS_SECTIONS.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  current ? "border-brand-700 text-brand-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-brand-900"
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
