/**
 * The app's own pipeline endpoint (app/api/inngest, the SDK's `serve()` in production mode) against the
 * hostile probe that found it open: hand-made execution requests for the pipeline and its failure handler
 * on another organisation's lab, a registration with a forged Host, and what the refusals say.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as inngestRoute from "@/app/api/inngest/route";
import { canonicalBody, signatureHeader } from "@/inngest/executor/signing";
import { db } from "@/lib/db";
import { call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

async function readyLab() {
  const member = await createMember((await createTenant()).apiKey);
  const { fileUrl } = await uploadFile(member.token);
  const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  const labId = res.json.data.lab_result_id as string;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lab = await db.labResult.findUniqueOrThrow({ where: { id: labId } });
    if (lab.status === "ready") return lab;
    if (Date.now() > deadline) throw new Error(`lab ${labId} is ${lab.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function execution(fnId: string, event: { name: string; data: Record<string, unknown> }) {
  const ev = { id: `probe-${Date.now()}`, ts: Date.now(), ...event };
  const body = canonicalBody({
    event: ev,
    events: [ev],
    steps: {},
    version: 1,
    ctx: { run_id: "probe", attempt: 0, max_attempts: 1, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
  });
  return { url: `http://localhost:3000/api/inngest?fnId=${fnId}&stepId=step`, body };
}

describe("POST /api/inngest", () => {
  it("refuses an unsigned pipeline step on a ready lab and leaves the lab as it was", async () => {
    const lab = await readyLab();
    const { url, body } = execution("labwise-analyze-lab", {
      name: "lab/analysis.requested",
      data: { labResultId: lab.id, organizationId: lab.organizationId },
    });
    const res = await inngestRoute.POST(new NextRequest(url, { method: "POST", headers: { "content-type": "application/json" }, body }), undefined as never);
    expect(res.status).toBe(401);
    const after = await db.labResult.findUniqueOrThrow({ where: { id: lab.id } });
    expect(after.status).toBe("ready");
    expect(after.updatedAt).toEqual(lab.updatedAt);
  });

  it("refuses an unsigned failure handler that would mark a lab failed with the caller's text", async () => {
    const lab = await readyLab();
    const { url, body } = execution("labwise-analyze-lab-failure", {
      name: "inngest/function.failed",
      data: {
        function_id: "labwise-analyze-lab",
        run_id: "probe",
        error: { name: "Error", message: "attacker's text" },
        event: { name: "lab/analysis.requested", data: { labResultId: lab.id, organizationId: lab.organizationId } },
      },
    });
    const res = await inngestRoute.POST(new NextRequest(url, { method: "POST", headers: { "content-type": "application/json" }, body }), undefined as never);
    expect(res.status).toBe(401);
    const after = await db.labResult.findUniqueOrThrow({ where: { id: lab.id } });
    expect(after.status).toBe("ready");
    expect(after.failureReason).toBeNull();
  });

  it("refuses a signature made with any key but the executor's, saying nothing about why", async () => {
    const { url, body } = execution("labwise-analyze-lab", { name: "lab/analysis.requested", data: { labResultId: crypto.randomUUID(), organizationId: crypto.randomUUID() } });
    const forged = signatureHeader(body, "signkey-prod-" + "ab".repeat(32));
    const res = await inngestRoute.POST(
      new NextRequest(url, { method: "POST", headers: { "content-type": "application/json", "x-inngest-signature": forged }, body }),
      undefined as never,
    );
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toMatch(/prisma|stack|\bat .+:\d+:\d+/i);
  });

  it("accepts the executor's signature (the check is the signature, not where the call came from)", async () => {
    const { url, body } = execution("labwise-analyze-lab", { name: "lab/analysis.requested", data: { labResultId: crypto.randomUUID(), organizationId: crypto.randomUUID() } });
    const res = await inngestRoute.POST(
      new NextRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-signature": signatureHeader(body, process.env.INNGEST_SIGNING_KEY!) },
        body,
      }),
      undefined as never,
    );
    // A lab that does not exist: the first step runs and fails, which the SDK reports as a step error.
    expect(res.status).not.toBe(401);
  });
});

describe("PUT /api/inngest", () => {
  it("registers the configured origin, whatever Host the request names", async () => {
    const res = await inngestRoute.PUT(
      new NextRequest("http://attacker.example:4444/api/inngest", { method: "PUT", headers: { host: "attacker.example:4444" } }),
      undefined as never,
    );
    expect(res.status).toBe(200);
    const apps = await db.executorApp.findMany();
    expect(apps.some((app) => app.url.includes("attacker"))).toBe(false);
    expect(JSON.stringify(apps.map((app) => app.functions))).not.toContain("attacker");
  });
});
