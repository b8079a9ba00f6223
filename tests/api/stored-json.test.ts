/**
 * The lab result's JSON columns against a real database, read through the services and routes that serve
 * them: a row written before versions existed still reads, and a stored value that is neither shape fails
 * the read (a 500 the operator can trace to the column and lab) instead of showing a lab with no findings.
 */
import { describe, expect, it } from "vitest";
import { getAgentRunOrThrow } from "@/lib/agents";
import { interpret } from "@/lib/clinical/interpret";
import { panelOf } from "@/lib/clinical/test-support";
import { db, type Prisma } from "@/lib/db";
import { getMemberLabOrThrow, labDetailResponse, serializeLabDetail } from "@/lib/labs";
import { StoredJsonError, writeFindings, writeMetadata } from "@/lib/labs/codecs";
import { call } from "../support/app";
import { createMember, createTenant } from "../support/fixtures";

const labs = [
  { name: "Creatinine", value: 1.8, unit: "mg/dL", date: "2024-06-01" },
  { name: "Creatinine", value: 2.1, unit: "mg/dL", date: "2025-01-15" },
];
const interpretation = interpret(panelOf({ age: 67, sex: "male" }, labs), { age: 67, sex: "male" });
const json = (value: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(value));

/** A ready lab of a fresh member, with the findings and trends the engine gives for `labs`. */
async function readyLab() {
  const { apiKey, organizationId } = await createTenant();
  const member = await createMember(apiKey);
  const lab = await db.labResult.create({
    data: {
      organizationId,
      memberId: member.userId,
      source: "submission",
      status: "ready",
      findings: writeFindings(interpretation.findings),
      metadata: writeMetadata({ trends: interpretation.trends }),
      completedAt: new Date(),
    },
  });
  return { ...member, organizationId, labId: lab.id };
}

describe("lab result JSON columns", () => {
  it("serves a lab written before versions existed, from its bare findings, trends and citations", async () => {
    const { userId, token, labId } = await readyLab();
    const citation = { url: "https://pubmed.ncbi.nlm.nih.gov/2296127/", title: "KDIGO", metadata: { type: "pubmed", pmid: "2296127" } };
    await db.labResult.update({
      where: { id: labId },
      data: { findings: json(interpretation.findings), metadata: json({ trends: interpretation.trends }), citations: { patient: { 1: citation }, clinician: {} } },
    });
    const res = await call("GET", `/v1/users/${userId}/labs/${labId}`, { token });
    expect(res.status).toBe(200);
    const lab = labDetailResponse.parse(res.json).data;
    expect(lab.findings.map((f) => f.id)).toEqual(interpretation.findings.map((f) => f.id));
    expect(lab.trends).toEqual([expect.objectContaining({ code: "creatinine", previous_at: "2024-06-01T00:00:00.000Z", direction: "up" })]);
    expect(lab.citations).toEqual({ patient: { 1: citation }, clinician: {} });
    expect(lab.metadata).toEqual({});
  });

  it("serves the versioned row the pipeline writes with the same answer", async () => {
    const { userId, token, labId } = await readyLab();
    const lab = labDetailResponse.parse((await call("GET", `/v1/users/${userId}/labs/${labId}`, { token })).json).data;
    expect(lab.findings.map((f) => f.id)).toEqual(interpretation.findings.map((f) => f.id));
    expect(lab.trends).toHaveLength(1);
    expect(lab.metadata).toEqual({});
  });

  it("fails the read of a lab whose stored findings are neither shape, naming the column and the lab", async () => {
    const { organizationId, userId, token, labId } = await readyLab();
    await db.labResult.update({ where: { id: labId }, data: { findings: { v: 1, items: "not a list" } } });

    const read = async () => serializeLabDetail(await getMemberLabOrThrow(organizationId, userId, labId));
    await expect(read()).rejects.toThrow(StoredJsonError);
    await expect(read()).rejects.toThrow(`lab_results.findings of lab result ${labId}`);

    const res = await call("GET", `/v1/users/${userId}/labs/${labId}`, { token });
    expect(res.status).toBe(500);
    expect(res.text).not.toContain("findings");
  });

  it("fails the read of a lab whose stored trends are not the shape they were written in", async () => {
    const { userId, token, labId } = await readyLab();
    await db.labResult.update({ where: { id: labId }, data: { metadata: { trends: [{ code: "creatinine" }] } } });
    expect((await call("GET", `/v1/users/${userId}/labs/${labId}`, { token })).status).toBe(500);
  });

  it("fails the poll of an agent run whose stored findings are corrupt, rather than answering without them", async () => {
    const { organizationId } = await createTenant();
    const run = await db.labResult.create({
      data: { organizationId, source: "agent_run", status: "ready", findings: [{ id: "kidney.ckd-category" }], completedAt: new Date() },
    });
    await expect(getAgentRunOrThrow(organizationId, run.id)).rejects.toMatchObject({ name: "StoredJsonError", column: "findings", labResultId: run.id });
  });
});
