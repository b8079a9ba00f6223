import { z } from "zod";
import { readiness } from "@/lib/health";
import { json, route } from "@/lib/http";

export const dynamic = "force-dynamic";

const readinessSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    checks: z.record(z.enum(["database", "storage", "executor"]), z.object({ ok: z.boolean(), error: z.string().optional() })),
  })
  .meta({ id: "Readiness" });

// GET /ready — readiness: database, storage and executor reachable, else 503
export const GET = route(
  {
    surface: "platform",
    auth: "none",
    openapi: {
      operationId: "getReadiness",
      summary: "Readiness: database, storage and executor reachable",
      tags: ["Platform"],
      responses: {
        200: { description: "Ready", schema: readinessSchema },
        503: { description: "A dependency is unreachable; `checks` says which", schema: readinessSchema },
      },
    },
  },
  async () => {
    const { ready, checks } = await readiness();
    return json({ status: ready ? "ready" : "not_ready", checks }, { status: ready ? 200 : 503 });
  },
);
