import { notFoundRoute } from "@/lib/http";

// Any other /v1 path — a JSON 404 in the shape of the surface it falls under (the partner envelope under
// /v1/submissions, /v1/jobs, /v1/webhook-*, /v1/diagnostics, /v1/agents; `{"detail": "Not Found"}` elsewhere), not the HTML page
const notFound = notFoundRoute();

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
