import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/portal/page-messages";

export const metadata: Metadata = { title: "Not found" };

// A lab, patient or page that does not exist in this organisation, inside the portal's frame
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
