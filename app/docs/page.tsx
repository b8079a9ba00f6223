import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference";
import { PortalFrame } from "@/components/portal/frame";
import { ROUTES } from "@/app/routes.generated";
import { optionalPortalUser } from "@/lib/auth/portal";
import { openApiDocument } from "@/lib/openapi/document";
import { signOutAction } from "../actions/sign-out";

export const metadata: Metadata = { title: "API reference" };

// /docs — the OpenAPI document rendered for people (same source as /openapi.json), public, in the portal frame
export default async function DocsPage() {
  const user = await optionalPortalUser();
  return (
    <PortalFrame user={user} signOut={signOutAction}>
      <ApiReference document={openApiDocument(ROUTES)} />
    </PortalFrame>
  );
}
