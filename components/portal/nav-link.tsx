"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A main-navigation link that knows when it is the current section (`aria-current="page"`). */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap ${current ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:bg-slate-100 hover:text-brand-900"}`}
    >
      {children}
    </Link>
  );
}
