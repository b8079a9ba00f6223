"use client";
/**
 * Client-side state of the portal: one react-query client per browser tab (server state: lab lists, a lab,
 * patients) and the toaster that announces labs becoming ready.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";
import { PortalApiError } from "./api";

function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A 4xx will not change by asking again; a dropped connection might.
        retry: (failures, error) => failures < 2 && !(error instanceof PortalApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function PortalProviders({ children }: { children: React.ReactNode }) {
  const [client] = useState(newQueryClient);
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster position="top-right" richColors closeButton />
    </QueryClientProvider>
  );
}
