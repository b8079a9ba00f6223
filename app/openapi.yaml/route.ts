import { stringify } from "yaml";
import { openApiDocument } from "@/lib/openapi/document";

// GET /openapi.yaml — the same document as YAML
export function GET(): Response {
  return new Response(stringify(openApiDocument(), { aliasDuplicateObjects: false }), {
    headers: { "content-type": "application/yaml; charset=utf-8" },
  });
}
