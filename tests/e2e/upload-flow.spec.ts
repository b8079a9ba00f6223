/** The partner's upload flow over real HTTP against `npm start`, as the README shows it with curl. */
import { expect, test } from "@playwright/test";
import { E2E_SEED_API_KEY } from "../../playwright.config";

const CSV = "Test,Result,Unit,Reference Range\nHemoglobin A1c,6.1,%,<5.7\nLDL Cholesterol,162,mg/dL,<100\n";

test("mint a member token, upload a file to the signed URL, register it, and read it back", async ({ request }) => {
  const apiKey = { "X-Api-Key": E2E_SEED_API_KEY };
  expect((await request.get("/v1/diagnostics/auth", { headers: apiKey })).status()).toBe(204);

  const token = await request.post("/v1/auth/token", { headers: apiKey, data: { external_id: "e2e-patient", create: true } });
  expect(token.status()).toBe(200);
  const { access_token, user_id } = (await token.json()).data;
  const member = { Authorization: `Bearer ${access_token}` };

  const minted = await request.post("/v1/uploads", {
    headers: { ...member, "Idempotency-Key": `e2e-${Date.now()}` },
    data: { filename: "panel.csv", content_type: "text/csv", size: Buffer.byteLength(CSV) },
  });
  expect(minted.status()).toBe(201);
  const upload = (await minted.json()).data;

  const put = await request.put(upload.upload_url, { headers: upload.headers, data: Buffer.from(CSV) });
  expect(put.status()).toBe(200);

  const registered = await request.post(`/v1/users/${user_id}/labs/upload`, { headers: member, data: { file_url: upload.file_url } });
  expect(registered.status()).toBe(202);
  const lab = (await registered.json()).data;
  expect(lab.status).toBe("pending");
  expect(registered.headers()["x-request-id"]).toBeTruthy();

  const list = await request.get(`/v1/users/${user_id}/labs`, { headers: member });
  expect((await list.json()).data.map((l: { lab_result_id: string }) => l.lab_result_id)).toContain(lab.lab_result_id);

  // The run command started the embedded executor: the lab is processed to `ready`.
  let detail = (await (await request.get(`/v1/users/${user_id}/labs/${lab.lab_result_id}`, { headers: member })).json()).data;
  for (let i = 0; i < 300 && !["ready", "failed"].includes(detail.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    detail = (await (await request.get(`/v1/users/${user_id}/labs/${lab.lab_result_id}`, { headers: member })).json()).data;
  }
  expect(detail.status).toBe("ready");
  // The name the file was uploaded under can carry identifiers: only its type is echoed.
  expect(detail.file).toMatchObject({ filename: "upload.csv", content_type: "text/csv" });
  expect(detail.analytes.map((a: { name: string; value_number: number; flag: string }) => [a.name, a.value_number, a.flag])).toEqual([
    ["Hemoglobin A1c", 6.1, "High"],
    ["LDL Cholesterol", 162, "High"],
  ]);
  const run = (await (await request.get(`/v1/users/${user_id}/jobs/${lab.workflow_id}`, { headers: member })).json()).data;
  expect(run.status).toBe("completed");
  expect(run.steps.every((s: { status: string }) => s.status === "succeeded")).toBe(true);

  const malformed = await request.post(`/v1/users/${user_id}/labs/upload`, {
    headers: { ...member, "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(malformed.status()).toBe(422);
  expect((await malformed.json()).detail[0].type).toBe("json_invalid");
});

test("errors keep each surface's shape over HTTP", async ({ request }) => {
  const envelope = await request.get("/v1/diagnostics/auth", { headers: { "X-Api-Key": "nope", "x-request-id": "e2e-req" } });
  expect(envelope.status()).toBe(401);
  expect(await envelope.json()).toEqual({ error: { code: "INVALID_API_KEY", message: "Invalid or revoked API key", requestId: "e2e-req" } });

  const unknown = await request.get("/v1/no-such-route", { headers: { "X-Api-Key": E2E_SEED_API_KEY } });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ detail: "Not Found" });

  const openapi = await request.get("/openapi.yaml");
  expect(openapi.headers()["content-type"]).toContain("yaml");
  expect(await openapi.text()).toContain("openapi: 3.1.0");
});
