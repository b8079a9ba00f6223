import type { Metadata } from "next";
import "./globals.css";

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
