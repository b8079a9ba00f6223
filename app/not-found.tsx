import type { Metadata } from "next";
import { optionalPortalUser } from "@/lib/auth/portal";
import { PortalFrame } from "@/components/portal/frame";
import { NotFoundMessage } from "@/components/portal/page-messages";
import { signOutAction } from "./actions/sign-out";

export const metadata: Metadata = { title: "Not found" };

// Any URL no page serves: the 404 inside the frame, signed in or not
export default async function NotFound() {
  const user = await optionalPortalUser();
  return (
    <PortalFrame user={user} signOut={signOutAction}>
      <NotFoundMessage />
    </PortalFrame>
  );
}
