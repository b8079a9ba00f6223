/**
 * The hostile probe of `/api/inngest`, re-run over real HTTP against `npm start`: a registration with a
 * forged Host and hand-made execution requests. The run command's embedded executor signs its calls, so
 * labs still process; nothing else gets in.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_SEED_API_KEY } from "../../playwright.config";

function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string) {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ hostname, port, path: pathname + search, method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("an unsigned execution request for the pipeline or its failure handler is refused without detail", async ({ baseURL }) => {
  for (const fnId of ["labwise-analyze-lab", "labwise-analyze-lab-failure"]) {
    const event = { name: "lab/analysis.requested", data: { labResultId: crypto.randomUUID(), organizationId: crypto.randomUUID() } };
    const body = JSON.stringify({ event, events: [event], steps: {}, version: 1, ctx: { run_id: "probe", attempt: 0, stack: { stack: [], current: 0 } } });
    const res = await rawRequest(`${baseURL}/api/inngest?fnId=${fnId}&stepId=step`, "POST", { "content-type": "application/json" }, body);
    expect(res.status).toBe(401);
    expect(res.body).not.toMatch(/prisma|stack|\bat .+:\d+:\d+/i);
  }
});

test("a registration with a forged Host registers the configured address, and labs still process", async ({ baseURL, request }) => {
  const put = await rawRequest(`${baseURL}/api/inngest`, "PUT", { host: "attacker.example:4444" });
  expect(put.status).toBe(200);
  expect(put.body).not.toContain("attacker");

  // Had the executor been re-pointed at the attacker, this lab would stay pending for ever.
  const apiKey = { "X-Api-Key": E2E_SEED_API_KEY };
  const { access_token, user_id } = (await (await request.post("/v1/auth/token", { headers: apiKey, data: { external_id: "e2e-probe", create: true } })).json()).data;
  const member = { Authorization: `Bearer ${access_token}` };
  const csv = "Test,Result,Unit,Reference Range\nGlucose,99,mg/dL,70-99\n";
  const upload = (await (await request.post("/v1/uploads", { headers: member, data: { filename: "lab.csv", content_type: "text/csv", size: csv.length } })).json()).data;
  expect((await request.put(upload.upload_url, { headers: upload.headers, data: Buffer.from(csv) })).status()).toBe(200);
  const lab = (await (await request.post(`/v1/users/${user_id}/labs/upload`, { headers: member, data: { file_url: upload.file_url } })).json()).data;
  let status = lab.status;
  for (let i = 0; i < 300 && !["ready", "failed"].includes(status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await (await request.get(`/v1/users/${user_id}/labs/${lab.lab_result_id}`, { headers: member })).json()).data.status;
  }
  expect(status).toBe("ready");
});
