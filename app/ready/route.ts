import { readiness } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /ready — readiness: database, storage and executor reachable, else 503
export async function GET(): Promise<Response> {
  const { ready, checks } = await readiness();
  return Response.json({ status: ready ? "ready" : "not_ready", checks }, { status: ready ? 200 : 503 });
}
