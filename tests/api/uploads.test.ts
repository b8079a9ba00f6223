import { describe, expect, it } from "vitest";
import { storage } from "@/lib/storage";
import { appFetch, call } from "../support/app";
import { SAMPLE_CSV, createMember, createTenant } from "../support/fixtures";

async function mint(token: string, body: Record<string, unknown> = {}) {
  return call("POST", "/v1/uploads", {
    token,
    body: { filename: "lab.csv", content_type: "text/csv", size: Buffer.byteLength(SAMPLE_CSV), ...body },
  });
}

describe("POST /v1/uploads and the signed PUT", () => {
  it("mints a signed URL that accepts exactly the declared file, and a file_url that downloads it", async () => {
    const { apiKey } = await createTenant();
    const { token } = await createMember(apiKey);
    const minted = await mint(token);
    expect(minted.status).toBe(201);
    const { upload_url, headers, file_url, expires_at } = minted.json.data;
    expect(headers).toEqual({ "Content-Type": "text/csv", "Content-Length": String(Buffer.byteLength(SAMPLE_CSV)) });
    expect(new Date(expires_at).getTime()).toBeGreaterThan(Date.now());

    const put = await appFetch(upload_url, { method: "PUT", headers, body: SAMPLE_CSV });
    expect(put.status).toBe(200);

    const download = await appFetch(file_url, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(307);
    const file = await appFetch(download.headers.get("location")!);
    expect(await file.text()).toBe(SAMPLE_CSV);
  });

  it("with an API key needs user_id, and refuses another organisation's member", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const memberA = await createMember(a.apiKey);
    const memberB = await createMember(b.apiKey);
    const body = { filename: "lab.csv", content_type: "text/csv", size: 10 };
    const missing = await call("POST", "/v1/uploads", { apiKey: a.apiKey, body });
    expect(missing.status).toBe(422);
    expect(missing.json.detail[0].loc).toEqual(["body", "user_id"]);
    expect((await call("POST", "/v1/uploads", { apiKey: a.apiKey, body: { ...body, user_id: memberA.userId } })).status).toBe(201);
    expect((await call("POST", "/v1/uploads", { apiKey: a.apiKey, body: { ...body, user_id: memberB.userId } })).status).toBe(404);
    expect((await call("POST", "/v1/uploads", { token: memberA.token, body: { ...body, user_id: memberB.userId } })).status).toBe(403);
  });

  it("refuses declared sizes over 25 MB, refused types and bad fields with 422", async () => {
    const { apiKey } = await createTenant();
    const { token } = await createMember(apiKey);
    const tooBig = await mint(token, { size: 25 * 1024 * 1024 + 1 });
    expect(tooBig.status).toBe(422);
    expect(tooBig.json.detail[0].loc).toEqual(["body", "size"]);
    const exe = await mint(token, { content_type: "application/x-msdownload" });
    expect(exe.status).toBe(422);
    expect(exe.json.detail[0].msg).toMatch(/application\/pdf/);
    expect((await mint(token, { size: "12" })).status).toBe(422);
    expect((await mint(token, { filename: "" })).status).toBe(422);
  });

  it("the PUT refuses a tampered URL, another content type, and more or fewer bytes than declared", async () => {
    const { apiKey } = await createTenant();
    const { token } = await createMember(apiKey);
    const { upload_url, headers } = (await mint(token)).json.data;

    const tampered = upload_url.replace(/size=\d+/, "size=999999");
    const bad = await appFetch(tampered, { method: "PUT", headers: { ...headers, "Content-Length": "999999" }, body: SAMPLE_CSV });
    expect(bad.status).toBe(403);
    expect((await bad.json()).detail).toBe("Invalid URL signature");

    const wrongType = await appFetch(upload_url, { method: "PUT", headers: { ...headers, "Content-Type": "application/pdf" }, body: SAMPLE_CSV });
    expect(wrongType.status).toBe(415);

    const bigger = SAMPLE_CSV + "Sodium,140,mmol/L,135-145\n";
    const tooMany = await appFetch(upload_url, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: bigger });
    expect(tooMany.status).toBe(413);

    const tooFew = await appFetch(upload_url, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: SAMPLE_CSV.slice(0, 10) });
    expect(tooFew.status).toBe(422);
  });

  it("the PUT refuses an expired URL", async () => {
    const signed = await storage().signUpload({
      key: "expired-test/object",
      contentType: "text/csv",
      size: 3,
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await appFetch(signed.url, { method: "PUT", headers: signed.headers, body: "a,b" });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/expired/);
  });

  it("needs a credential", async () => {
    const res = await call("POST", "/v1/uploads", { body: { filename: "a.csv", content_type: "text/csv", size: 1 } });
    expect(res.status).toBe(401);
    const expired = await call("POST", "/v1/uploads", {
      token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
      body: { filename: "a.csv", content_type: "text/csv", size: 1 },
    });
    expect(expired.status).toBe(401);
  });
});
