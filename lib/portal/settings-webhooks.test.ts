import { describe, expect, it } from "vitest";
import { sentHeaders, urlHost } from "./settings-webhooks";

describe("the headers an attempt was sent with", () => {
  it("are the delivery id, the send time in whole seconds and the signature as sent", () => {
    const headers = sentHeaders("0b7c3d52-8f2f-4a55-9b6a-2f1d1c0e4a11", { sentAt: new Date("2026-11-28T16:14:03.898Z"), signature: "v1,abc= v1,def=" });
    expect(headers).toEqual({
      "webhook-id": "0b7c3d52-8f2f-4a55-9b6a-2f1d1c0e4a11",
      "webhook-timestamp": String(Math.floor(Date.parse("2026-11-28T16:14:03.898Z") / 1000)),
      "webhook-signature": "v1,abc= v1,def=",
      "content-type": "application/json",
      "user-agent": "Labwise-Webhooks/1",
    });
  });

  it("are absent for an attempt that sent nothing", () => {
    expect(sentHeaders("id", { sentAt: null, signature: null })).toBeNull();
  });
});

describe("an endpoint's host for the audit log", () => {
  it("keeps the host and port, never the path or query", () => {
    expect(urlHost("https://hooks.example.org:8443/labwise?token=secret")).toBe("hooks.example.org:8443");
    expect(urlHost("not a url")).toBeNull();
  });
});
