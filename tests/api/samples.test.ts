/**
 * Every sample lab file written by others (tests/fixtures/samples, see SOURCES.md) through the whole pipeline:
 * each comes out `ready` with flags, findings and both responses whose citations resolve — or, for the two
 * FHIR DiagnosticReports that only reference Observations the file does not hold, `failed` saying so.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { labDetailResponse } from "@/lib/labs";
import { readMicrobiology } from "@/lib/labs/codecs";
import { call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { sample, SAMPLES_DIR } from "../fixtures/samples";

const CONTENT_TYPE: Record<string, string> = { hl7: "application/hl7-v2", json: "application/fhir+json", pdf: "application/pdf" };
const REFERENCES_ONLY = new Set(["diagnosticreport-cbc.json", "diagnosticreport-metabolic-panel.json"]);
const FILES = readdirSync(SAMPLES_DIR).filter((name) => name !== "SOURCES.md").sort();

async function processSample(name: string) {
  const member = await createMember((await createTenant()).apiKey);
  const { fileUrl } = await uploadFile(member.token, Buffer.from(sample(name)), CONTENT_TYPE[name.split(".").pop()!], name);
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  const labId = registered.json.data.lab_result_id as string;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    if (["ready", "failed"].includes(res.json.data.status)) return labDetailResponse.parse(res.json).data;
    if (Date.now() > deadline) throw new Error(`${name} still ${res.json.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the open sample files", () => {
  it.each(FILES)("%s", async (name) => {
    const lab = await processSample(name);
    if (REFERENCES_ONLY.has(name)) {
      expect(lab.status).toBe("failed");
      expect(lab.failure_reason).toMatch(/is referenced by the report but its Observation .* is not in the file/);
      return;
    }
    expect(lab.status).toBe("ready");
    // A culture report (ORU-R01-01's Salmonella) is read as microbiology, never as a chemistry analyte.
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: lab.lab_result_id }, select: { microbiology: true } });
    expect(lab.analytes.length + readMicrobiology(stored.microbiology, lab.lab_result_id).length).toBeGreaterThan(0);
    expect(lab.analytes.every((a) => a.flag !== null || a.reference_range === null)).toBe(true);
    expect(lab.patient_response).toMatch(/^# Your lab results/);
    expect(lab.clinician_response).toMatch(/^\*\*Summary:\*\*/);
    const citations = lab.citations as Record<"patient" | "clinician", Record<string, unknown>>;
    for (const [text, map] of [[lab.patient_response!, citations.patient], [lab.clinician_response!, citations.clinician]] as const) {
      const used = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
      expect(Object.keys(map).sort()).toEqual([...used].sort());
    }
    // Every out-of-range result (latest of its analyte) is discussed by some finding.
    const discussed = new Set(lab.findings.flatMap((f) => f.analytes));
    const flagged = lab.analytes.filter((a) => !a.derived && a.flag && !["Normal"].includes(a.flag));
    if (flagged.length) expect(lab.findings.length).toBeGreaterThan(0);
    expect(discussed.size).toBeGreaterThanOrEqual(lab.findings.length ? 1 : 0);
    if (process.env.SHOW_SAMPLES) console.log(`\n===== ${name}\n${lab.clinician_response}\n-----\n${lab.patient_response}`);
  });
});
