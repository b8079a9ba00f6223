import { requirePortalUser } from "@/lib/auth/portal";
import { PortalFrame } from "@/components/portal/frame";
import { PortalProviders } from "@/components/portal/providers";
import { signOutAction } from "../actions/sign-out";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePortalUser();
  return (
    <PortalProviders>
      <PortalFrame user={user} signOut={signOutAction}>
        {children}
      </PortalFrame>
    </PortalProviders>
  );
}
