/**
 * A corpus of nasty inputs, each with the clear answer Labwise gives it: files over the upload limit, a
 * decompression bomb, a PDF of thousands of pages, JSON nested tens of thousands deep (as a request and as a
 * lab file), huge strings, NULs and lone surrogates inside lab files, and Markdown, HTML and script in lab
 * names and notes — which are stored as sent and come out of the patient and clinician texts as text.
 *
 * Request-level refusals per field (NUL, lone surrogates, 5,000-deep JSON, endless chunked bodies) are in
 * ./hostile-input.test.ts; every route's body under generated input is in tests/properties/route-bodies.test.ts.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_LIMITS, ExtractionError, extractLabOffThread } from "@/lib/ingest";
import { appFetch, call } from "../support/app";
import { eventually } from "../support/eventually";
import { createMember, createTenant, uploadFile } from "../support/fixtures";
import { flateBombPdf, manyPagePdf } from "../fixtures/lab-documents";

let apiKey = "";
let member = { userId: "", token: "" };

beforeAll(async () => {
  ({ apiKey } = await createTenant());
  member = await createMember(apiKey);
});

const MB = 1024 * 1024;

/** Uploads `content` as the member, registers it, and waits until the lab is ready or failed. */
async function processFile(content: string | Buffer, contentType: string, filename: string) {
  const { fileUrl } = await uploadFile(member.token, content, contentType, filename);
  const registered = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(registered.status, registered.text).toBe(202);
  const id = registered.json.data.lab_result_id as string;
  return eventually(
    async () => {
      const lab = (await call("GET", `/v1/users/${member.userId}/labs/${id}`, { token: member.token })).json.data;
      expect(["ready", "failed"]).toContain(lab.status);
      return lab;
    },
    60_000,
    200,
  );
}

/** Words that would mean a failure reason leaked a driver, a stack or an internal error instead of a reason. */
const INTERNAL = /prisma|postgres|invalid byte sequence|TypeError|RangeError|stack|\bat .*\.ts:\d+|internal error/i;

describe("files over the upload limit", () => {
  it("refuses to mint an upload URL for a 26 MB PDF, naming the size and the limit", async () => {
    const res = await call("POST", "/v1/uploads", { token: member.token, body: { filename: "scan.pdf", content_type: "application/pdf", size: 26 * MB } });
    expect(res.status).toBe(422);
    expect(res.json.detail).toEqual([expect.objectContaining({ loc: ["body", "size"], msg: expect.stringContaining("25 MB") })]);
  });

  it("cuts off 26 MB sent to a URL minted for a smaller file with 413, without reading it all", async () => {
    const minted = await call("POST", "/v1/uploads", { token: member.token, body: { filename: "scan.pdf", content_type: "application/pdf", size: 1000 } });
    expect(minted.status).toBe(201);
    const { upload_url, headers } = minted.json.data;
    const chunk = new Uint8Array(64 * 1024).fill(0x25);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled * chunk.length >= 26 * MB) return controller.close();
        pulled++;
        controller.enqueue(chunk);
      },
    });
    // The declared headers, but no Content-Length: the stream says nothing of its size in advance.
    const streamed = Object.fromEntries(Object.entries(headers as Record<string, string>).filter(([name]) => name.toLowerCase() !== "content-length"));
    const res = await appFetch(upload_url, { method: "PUT", headers: streamed, body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/bytes/);
    expect(pulled).toBeLessThan(16); // 1,000 bytes declared: cut off in the first chunks of 416
  });
});

describe("PDF files built to exhaust a reader", () => {
  const PAGE_CONTENT_TOO_LARGE =
    "page 1 of this PDF holds more than 8 MB of drawing instructions; Labwise reads at most 8 MB per page, far more than a lab report needs — print or export the report to PDF again, or upload a photo of it";

  it("fails a decompression bomb (200 KB that inflates to 200 MB of page content) with a reason", async () => {
    const bomb = Buffer.from(flateBombPdf(200 * MB));
    expect(bomb.length).toBeLessThan(MB);
    const lab = await processFile(bomb, "application/pdf", "bomb.pdf");
    expect(lab.status).toBe("failed");
    expect(lab.failure_reason).toBe(PAGE_CONTENT_TOO_LARGE);
  }, 90_000);

  it("refuses a bomb of drawing operators before PDF.js parses it, not at the extraction deadline", async () => {
    const bomb = flateBombPdf(40 * MB, "0 0 m 1 1 l S\n");
    expect(bomb.length).toBeLessThan(MB);
    const error = await extractLabOffThread({ bytes: bomb }, { limits: DEFAULT_LIMITS, workers: 1, timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toBe(PAGE_CONTENT_TOO_LARGE);
  }, 30_000);

  it("reads the first 20 pages of a 3,000-page PDF and says the rest were not read", async () => {
    const lab = await processFile(Buffer.from(await manyPagePdf(3_000)), "application/pdf", "export.pdf");
    expect(lab.status).toBe("ready");
    expect(lab.analytes.filter((a: { derived?: boolean }) => !a.derived).map((a: { name: string; value: string }) => [a.name, a.value])).toEqual([["Glucose", "99"]]);
    expect(JSON.stringify(lab)).toContain("not read: Labwise reads the first 20 pages of a PDF — upload the rest as a separate file");
  }, 90_000);
});

describe("JSON nested tens of thousands deep", () => {
  it("answers 400 naming the depth limit for a request nested 10,000 deep, on the agent and partner surfaces", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    for (const [path, body] of [
      ["/v1/agents/lab-results", `{"webhookUrl":"http://127.0.0.1:9/hook","labResults":${deep}}`],
      ["/v1/submissions", `{"partnerSubmissionId":"s1","labResults":${deep}}`],
    ]) {
      const res = await call("POST", path, { apiKey, rawBody: body, headers: { "x-correlation-id": "deep", "idempotency-key": `deep-${path}` } });
      expect(res.status, path).toBe(400);
      expect(res.json.error.details.issues).toEqual([expect.objectContaining({ loc: ["body"], type: "json_too_deep" })]);
    }
  });

  it("answers 422 naming the depth limit for a member request nested 10,000 deep", async () => {
    const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, rawBody: `{"file_url":${"[".repeat(10_000)}${"]".repeat(10_000)}}` });
    expect(res.status).toBe(422);
    expect(res.json.detail).toEqual([expect.objectContaining({ loc: ["body"], type: "json_too_deep" })]);
  });

  it("fails a JSON lab file nested 100,000 deep with a reason, not a stack overflow", async () => {
    for (const depth of [10_000, 100_000]) {
      const lab = await processFile("[".repeat(depth) + "]".repeat(depth), "application/json", `deep-${depth}.json`);
      expect(lab.status, `${depth}`).toBe("failed");
      expect(lab.failure_reason).not.toMatch(INTERNAL);
      expect(lab.failure_reason, `${depth}`).toMatch(/^(no lab values could be read from this file: item 1: not an object with a name and a value|the JSON is malformed)/);
    }
  }, 90_000);

  it("fails a FHIR Bundle of Bundles nested 10,000 deep with a reason", async () => {
    const open = '{"resourceType":"Bundle","type":"collection","entry":[{"resource":'.repeat(10_000);
    const close = "}]}".repeat(10_000);
    const lab = await processFile(`${open}{"resourceType":"Patient","id":"p"}${close}`, "application/fhir+json", "nested.json");
    expect(lab.status).toBe("failed");
    expect(lab.failure_reason).toBe("no lab values found in this FHIR resource");
  }, 60_000);
});

describe("huge strings", () => {
  it("refuses a lab's notes of 1 MB with 400 naming the field and its limit", async () => {
    const body = { webhookUrl: "http://127.0.0.1:9/hook", labResults: [{ name: "Glucose", value: "99", notes: "n".repeat(MB) }] };
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues).toEqual([expect.objectContaining({ loc: ["body", "labResults", 0, "notes"], msg: expect.stringContaining("5000") })]);
  });

  it("refuses an agent request of 3 MB with 413 in the envelope", async () => {
    const body = { webhookUrl: "http://127.0.0.1:9/hook", labResults: Array.from({ length: 700 }, () => ({ name: "Glucose", value: "99", notes: "n".repeat(4_500) })) };
    const res = await call("POST", "/v1/agents/lab-results", { apiKey, body });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("bytes") });
  });

  it("reads a CSV whose test name is 100,000 characters and whose note is 2 MB, in seconds", async () => {
    const started = performance.now();
    const csv = `Test,Result,Unit,Notes\n${"Glucose ".repeat(12_500)},99,mg/dL,${"fasting ".repeat(262_144)}\nSodium,141,mmol/L,\n`;
    const lab = await processFile(csv, "text/csv", "long.csv");
    expect(lab.status).toBe("ready");
    expect(lab.analytes.map((a: { value: string }) => a.value)).toEqual(expect.arrayContaining(["99", "141"]));
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe("NULs and lone surrogates inside lab files", () => {
  it("fails a CSV with a NUL byte as a file that is not a lab report", async () => {
    const lab = await processFile("Test,Result,Unit\nGlu\u0000cose,99,mg/dL\n", "text/csv", "nul.csv");
    expect(lab.status).toBe("failed");
    expect(lab.failure_reason).toBe("this file is not a lab report Labwise can read (expected PDF, image, CSV, HL7 v2, FHIR or JSON)");
  }, 60_000);

  it("reads JSON lab files whose strings hold an escaped NUL or lone surrogate, storing them without it", async () => {
    const json = JSON.stringify([
      { name: "Glu\u0000cose", value: "99", unit: "mg/dL", notes: "fasting\u0000" },
      { name: "Sodium\ud800", value: "141", unit: "mmol/L", notes: "\udc00ok" },
    ]);
    expect(json).toContain("\\u0000");
    const lab = await processFile(json, "application/json", "escaped.json");
    expect(lab.status, lab.failure_reason).toBe("ready");
    const text = JSON.stringify(lab.analytes);
    expect(text).not.toContain("\\u0000");
    expect(text).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
    expect(lab.analytes.map((a: { value: string }) => a.value)).toEqual(expect.arrayContaining(["99", "141"]));
  }, 60_000);

  it("reads a FHIR Observation whose name holds an escaped NUL", async () => {
    const observation = {
      resourceType: "Observation",
      status: "final",
      category: [{ coding: [{ code: "laboratory" }] }],
      code: { text: "Potassium\u0000", coding: [{ system: "http://loinc.org", code: "2823-3" }] },
      valueQuantity: { value: 4.1, unit: "mmol/L" },
      note: [{ text: "hemolysed\u0000?" }],
    };
    const lab = await processFile(JSON.stringify(observation), "application/fhir+json", "nul.json");
    expect(lab.status, lab.failure_reason).toBe("ready");
    expect(JSON.stringify(lab)).not.toContain("\\u0000");
  }, 60_000);
});

/** Markdown, HTML and script a lab file might carry in its names and notes. */
const MARKUP = {
  name: 'Glucose <script>alert("name")</script> **bold** [click](javascript:alert(1))',
  notes: '<img src=x onerror=alert(1)> # Heading\n- item | a | b |\n<iframe src="https://evil.example"></iframe> ![x](https://evil.example/x.png)',
};

/** The Markdown as the portal renders it: react-markdown with GFM and raw HTML skipped (components/lab-detail/report-text.tsx). */
const render = (markdown: string) => renderToStaticMarkup(createElement(Markdown, { skipHtml: true, remarkPlugins: [remarkGfm] }, markdown));

describe("Markdown, HTML and script in lab names and notes", () => {
  let lab: Record<string, unknown> & { analytes: { name: string; notes?: string | null; value: string }[]; patient_response: string; clinician_response: string };

  beforeAll(async () => {
    const csv = `Test,Result,Unit,Reference Range,LOINC,Notes\n"${MARKUP.name.replace(/"/g, '""')}",250,mg/dL,70-99,2345-7,"${MARKUP.notes.replace(/"/g, '""')}"\nSodium,141,mmol/L,136-145,2951-2,\n`;
    lab = await processFile(csv, "text/csv", "markup.csv");
  }, 60_000);

  it("stores the names and notes as sent", async () => {
    expect(lab.status).toBe("ready");
    expect(lab.analytes.find((a) => a.value === "250")?.name).toBe(MARKUP.name);
    const stored = await db.analyte.findFirstOrThrow({ where: { labResultId: lab.lab_result_id as string, rawValue: "250" } });
    expect(stored.rawName).toBe(MARKUP.name);
    // As sent, but de-identified: the addresses in it are URLs, which notes never keep.
    expect(stored.notes).toContain("<img src=x onerror=alert(1)> # Heading");
    expect(stored.notes).toContain("<iframe src=");
  });

  it("writes no raw HTML, script or javascript: link into the patient and clinician Markdown", () => {
    for (const markdown of [lab.patient_response, lab.clinician_response]) {
      expect(typeof markdown).toBe("string");
      expect(markdown).not.toMatch(/<script|<img|<iframe|\]\(javascript:/i);
    }
  });

  it("renders those texts, as the portal does, without any element the lab file wrote", () => {
    for (const markdown of [lab.patient_response, lab.clinician_response]) {
      const html = render(markdown);
      expect(html).not.toMatch(/<script|<img|<iframe|href="javascript:/i);
    }
    // The renderer itself, given the raw markup, drops the HTML and the javascript: link as well.
    const raw = render(`${MARKUP.name}\n\n${MARKUP.notes}`);
    expect(raw).not.toMatch(/<script|<iframe|onerror|href="javascript:/i);
  });
});
