import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference";
import { ROUTES } from "@/app/routes.generated";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

// /docs — the OpenAPI document rendered for people (same source as /openapi.json)
export default function DocsPage() {
  return <ApiReference document={openApiDocument(ROUTES)} />;
}
