import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts), which a page
// prerendered at build time could not.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Labwise", template: "%s · Labwise" },
  description: "Lab-result interpretation: every analyte normalised, flagged and explained, with citations.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
