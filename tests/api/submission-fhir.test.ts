/**
 * GET /v1/submissions/{submissionId}/fhir: the completed submission as the same validated FHIR R4 Bundle the
 * member route serves, with the Submissions API's own scoping (tenant 404, `metadata.partnerId` 403) and
 * readiness answers (409 RESULTS_NOT_READY before completion).
 */
import { describe, expect, it } from "vitest";
import { createTenant } from "../support/fixtures";
import { call } from "../support/app";
import { bundleIssues } from "../support/fhir/validate";
import { insertSubmission, submissionBody, submit, untilSettled } from "../support/submissions";

describe("GET /v1/submissions/{submissionId}/fhir", () => {
  it("serves a completed submission as a valid Bundle with an Observation per value, to the keys that may read it", async () => {
    const tenant = await createTenant();
    const accepted = await submit(tenant.apiKey, submissionBody());
    expect(accepted.status, accepted.text).toBe(202);
    const { submissionId } = accepted.json;
    expect((await untilSettled(tenant.apiKey, submissionId)).json.status).toBe("completed");

    const res = await call("GET", `/v1/submissions/${submissionId}/fhir`, { apiKey: tenant.apiKey });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json");
    expect(res.json.resourceType).toBe("Bundle");
    expect(bundleIssues(res.json)).toEqual([]);
    const observations = res.json.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Observation");
    expect(observations.length).toBeGreaterThanOrEqual(3);
    const creatinine = observations.find((e: { resource: { code: { coding: { system: string; code: string }[] } } }) =>
      e.resource.code.coding.some((c) => c.system === "http://loinc.org" && c.code === "2160-0"),
    );
    expect(creatinine.resource.interpretation[0].coding[0].code).toBe("H");

    const other = await createTenant();
    expect((await call("GET", `/v1/submissions/${submissionId}/fhir`, { apiKey: other.apiKey })).status).toBe(404);
  });

  it("answers 409 before completion, and 403 to another key when metadata.partnerId restricts the submission", async () => {
    const tenant = await createTenant();
    const pending = await insertSubmission(tenant.organizationId);
    const early = await call("GET", `/v1/submissions/${pending.id}/fhir`, { apiKey: tenant.apiKey });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("RESULTS_NOT_READY");

    // Restricted to a key that is not the one asking.
    const restricted = await insertSubmission(tenant.organizationId, { status: "ready", partnerApiKeyId: "00000000-0000-4000-8000-000000000000" });
    const refused = await call("GET", `/v1/submissions/${restricted.id}/fhir`, { apiKey: tenant.apiKey });
    expect(refused.status).toBe(403);
  });
});
