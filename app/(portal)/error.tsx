"use client";
import { ErrorMessage } from "@/components/portal/page-messages";

// A page of the portal that failed to render: the frame stays, with a way to try again
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage reference={error.digest} onRetry={reset} />;
}
