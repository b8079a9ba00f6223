import type { Metadata } from "next";
import { ForbiddenMessage } from "@/components/portal/page-messages";

export const metadata: Metadata = { title: "Not allowed" };

// An admin page asked for by a clinician (`forbidden()` in requirePortalAdmin): HTTP 403 inside the frame
export default function PortalForbidden() {
  return <ForbiddenMessage />;
}
