import { z } from "zod";
import { json, route } from "@/lib/http";

// GET /health — liveness: the process answers
export const GET = route(
  {
    surface: "platform",
    auth: "none",
    openapi: {
      operationId: "getHealth",
      summary: "Liveness",
      tags: ["Platform"],
      responses: { 200: { description: "The process is up", schema: z.object({ status: z.literal("ok") }) } },
    },
  },
  async () => json({ status: "ok" }),
);
