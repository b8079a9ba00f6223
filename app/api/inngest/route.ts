import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// GET|POST|PUT /api/inngest — the Inngest serve endpoint (introspection, execution, registration)
export const { GET, POST, PUT } = serve({ client: inngest, functions });
