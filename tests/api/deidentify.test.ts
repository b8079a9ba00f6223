/**
 * The hostile probe that found names, record numbers and addresses in answers, replayed through the real
 * pipeline: a CSV whose analyte names, values and notes carry a patient's identifiers, uploaded under a
 * file name that carries them too, and a Lab Results Agent run with the same, delivered to a local
 * webhook receiver. None of the identifiers may appear anywhere a partner or member can read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { WebhookReceiver } from "../support/webhook-receiver";

const IDENTIFIERS = ["Johnathan", "Doe", "jane roe", "Q7788", "88812345", "Baker Street", "221B", "206-555-0142", "2065550142", "jdoe@example.org", "jdoe", "03/04/1961"];

/** Every identifier that is still in `json`, compared case-insensitively as whole words. */
function leaked(json: unknown): string[] {
  const text = JSON.stringify(json);
  return IDENTIFIERS.filter((identifier) => new RegExp(`(?<![A-Za-z0-9])${identifier.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`, "i").test(text));
}

const ROWS = [
  "Test,Result,Unit,Reference Range,Notes",
  "Glucose (Johnathan Doe),105,mg/dL,70-99,pt jane roe fasting",
  "Potassium,4.1,mmol/L,3.5-5.1,chart Q7788 reviewed",
  "Sodium,140,mmol/L,135-145,Lives at 221B Baker Street; call 206-555-0142",
  "HIV 1/2 Antibody,Negative for Johnathan Doe,,Nonreactive,results to jdoe@example.org",
  "Creatinine,1.8,mg/dL,0.7-1.3,DOB 03/04/1961 MRN88812345",
];

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function uploadedLab(csv: string) {
  const member = await createMember((await createTenant()).apiKey);
  const { fileUrl } = await uploadFile(member.token, csv, "text/csv", "Johnathan_Doe_MRN88812345.csv");
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(registered.status).toBe(202);
  const labId = registered.json.data.lab_result_id as string;
  const detail = await until("the lab to settle", async () => {
    const res = await call("GET", `/v1/users/${member.userId}/labs/${labId}`, { token: member.token });
    return ["ready", "failed"].includes(res.json.data.status) ? res.json.data : undefined;
  });
  const list = await call("GET", `/v1/users/${member.userId}/labs`, { token: member.token });
  return { detail, list: list.json };
}

describe("de-identification of an uploaded lab", () => {
  it("keeps a declared patient's identifiers out of the lab detail, its findings and both Markdown texts", async () => {
    const { detail, list } = await uploadedLab(["Patient Name,Johnathan Doe,DOB,03/04/1961", ...ROWS, "Albumin,4.2,g/dL,3.5-5.0,Johnathan aware"].join("\n"));
    expect(detail.status).toBe("ready");
    expect(leaked(detail)).toEqual([]);
    expect(leaked(list)).toEqual([]);
    expect(detail.patient_response).toBeTruthy();
    expect(detail.clinician_response).toBeTruthy();
    // The file is shown by its kind only, and the analytes still mean what they meant.
    expect(detail.file.filename).toBe("upload.csv");
    const byName = Object.fromEntries((detail.analytes as { name: string; loinc: string | null; value: string; value_number: number | null }[]).map((a) => [a.name, a]));
    expect(byName.Glucose).toMatchObject({ loinc: "2345-7", value_number: 105 });
    expect(byName.Creatinine).toMatchObject({ value_number: 1.8 });
    expect(byName["HIV 1/2 Antibody"].value).toBe("Negative for [name]");
  });

  it("finds the same identifiers by their form and context when the file declares no patient", async () => {
    const { detail } = await uploadedLab(ROWS.join("\n"));
    expect(detail.status).toBe("ready");
    expect(leaked(detail)).toEqual([]);
  });
});

describe("de-identification of a Lab Results Agent run", () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("keeps the patient's identifiers out of every webhook and the polling answer", async () => {
    const { apiKey } = await createTenant();
    const res = await call("POST", "/v1/agents/lab-results", {
      apiKey,
      body: {
        webhookUrl: `${receiver.url}/hooks/deidentify`,
        labResults: [
          { name: "Glucose (Johnathan Doe)", value: "105", unit: "mg/dL", referenceRange: "70-99", notes: "pt jane roe fasting" },
          { name: "Potassium", value: "4.1", unit: "mmol/L", notes: "chart Q7788; Lives at 221B Baker Street" },
          { name: "HIV 1/2 Antibody", value: "Negative for Johnathan Doe", notes: "call 206-555-0142 or jdoe@example.org" },
          { name: "Creatinine", value: "1.8 mg/dL", referenceRange: "0.7-1.3", notes: "DOB 03/04/1961, MRN88812345, Johnathan aware" },
        ],
        patient: { name: "Johnathan Doe", age: "45", gender: "male" },
      },
    });
    expect(res.status).toBe(200);
    const runId = res.json.runId as string;
    const mine = () => receiver.receipts.map(({ body }) => JSON.parse(body) as { runId: string; status: string }).filter((payload) => payload.runId === runId);
    await until("the final webhook", () => (mine().some((payload) => payload.status === "completed") ? true : undefined));

    expect(mine().length).toBe(8);
    expect(leaked(mine())).toEqual([]);
    const polled = await call("GET", `/v1/agents/lab-results/${runId}`, { apiKey });
    expect(polled.json.status).toBe("completed");
    expect(leaked(polled.json)).toEqual([]);
    expect((polled.json.result.labResults as { name: string }[]).map((lab) => lab.name).slice(0, 4)).toEqual(["Glucose", "Potassium", "HIV 1/2 Antibody", "Creatinine"]);
  });
});
