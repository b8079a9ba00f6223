import { serve } from "inngest/next";
import { INNGEST_SERVE_PATH, inngest, inngestServeOrigin } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// GET|POST|PUT /api/inngest — the Inngest serve endpoint (introspection, execution, registration); every
// execution must be signed by the executor (production mode), and the URL it registers is configured.
export const { GET, POST, PUT } = serve({ client: inngest, functions, serveOrigin: inngestServeOrigin(), servePath: INNGEST_SERVE_PATH });
