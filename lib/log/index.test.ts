import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, type LoggerOptions } from "./index";

/** A logger writing into memory, and the lines it wrote. */
function capture(options: Omit<LoggerOptions, "destination"> = { level: "info" }) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ ...options, destination });
  return { logger, lines, output: () => lines.join("\n"), records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZW1iZXItMSIsIm9yZyI6Im9yZy0xIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const API_KEY = "lw_ab12cd34_Q2hhbmdlTWVQbGVhc2VUaGlzSXNBVGVzdEtleTEyMw";
const SIGNATURE = "9f2c1e0d8b7a6f5e4d3c2b1a";

function captureSyntaxError(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return error;
  }
}

describe("the logger", () => {
  afterEach(() => {
    delete process.env.LOG_LEVEL;
  });

  it("keeps a signed URL's signature out of the line, in a field and in the message", () => {
    const { logger, output, records } = capture();
    const url = `http://localhost:3000/storage/org/upload.pdf?signature=${SIGNATURE}&expires=1`;
    logger.error({ url, err: new Error(`GET ${url} failed`) }, `GET ${url}`);
    expect(output()).not.toContain(SIGNATURE);
    expect(records()[0].url).toBe("http://localhost:3000/storage/org/upload.pdf?signature=[redacted]&expires=1");
  });

  it("keeps S3 pre-signing parameters, tokens, codes and keys out of a logged URL", () => {
    const { logger, output } = capture();
    logger.info(
      { url: "https://bucket.s3.example/k?X-Amz-Credential=AKIAEXAMPLE%2F20250101&X-Amz-Signature=abcdef0123&token=t0k3n&code=c0d3&key=k3y" },
      "upload",
    );
    for (const secret of ["AKIAEXAMPLE", "abcdef0123", "t0k3n", "c0d3", "k3y"]) expect(output()).not.toContain(secret);
  });

  it("redacts credentials held in headers, cookies and credential fields", () => {
    const { logger, output } = capture();
    logger.warn(
      {
        headers: { authorization: "Bearer opaque-access", "x-api-key": "opaque-key", cookie: "authjs.session-token=opaque-session" },
        nested: { access_token: "opaque-oauth", password: "hunter2-opaque", webhookSecret: "opaque-webhook" },
        request: new Headers({ Authorization: "Basic b3BhcXVl", "X-Api-Key": "opaque-header-key" }),
      },
      "request",
    );
    for (const secret of ["opaque-access", "opaque-key", "opaque-session", "opaque-oauth", "hunter2-opaque", "opaque-webhook", "b3BhcXVl", "opaque-header-key"]) {
      expect(output()).not.toContain(secret);
    }
  });

  it("redacts member JWTs, webhook secrets and API keys wherever they appear, errors included", () => {
    const { logger, output } = capture();
    logger.info({ token: JWT, detail: `sent with ${WHSEC}`, list: [`key ${API_KEY}`] }, `member ${JWT} signed with ${WHSEC} using ${API_KEY}`);
    logger.error(new Error(`could not verify ${JWT}`, { cause: new Error(`secret ${WHSEC}`) }));
    logger.error({ err: new Error(`Authorization: Bearer ${JWT}`) }, "auth failed");
    const text = output();
    for (const secret of [JWT.split(".")[0], JWT.split(".")[1], JWT.split(".")[2], WHSEC, API_KEY]) expect(text).not.toContain(secret);
    expect(text).toContain("lw_ab12cd34_[redacted]");
  });

  it("leaves lab data out: patient, names, values and notes by field, Prisma's rendering of arguments", () => {
    const { logger, output } = capture();
    // Values no timestamp, pid or stack line number can contain by chance (a bare "54" once matched the time).
    logger.info({ patient: { age: 54 }, analyte: { name: "Glucose", value: "126.437", notes: "Jane Roe, fasting" }, labResultId: "lab-1" }, "analysed");
    const prisma = Object.assign(new Error("\nInvalid `prisma.analyte.create()` invocation:\n\n{\n  data: { rawName: \"Jane Roe glucose\" }\n}\n\nArgument `labResultId` is missing."), { name: "PrismaClientValidationError" });
    logger.error({ err: prisma }, "insert failed");
    logger.warn({ err: new Error("could not read", { cause: captureSyntaxError("Jane Roe, glucose 126.437") }) }, "unreadable");
    const text = output();
    for (const phi of ['"age"', "Glucose", "126.437", "Jane Roe"]) expect(text).not.toContain(phi);
    expect(text).toContain("lab-1");
    expect(text).toContain("Argument `labResultId` is missing.");
  });

  it("writes at LOG_LEVEL and above", () => {
    process.env.LOG_LEVEL = "warn";
    const { logger, records } = capture({});
    logger.info("quiet");
    logger.warn("heard");
    expect(records().map((r) => r.msg)).toEqual(["heard"]);
  });

  it("writes nothing at LOG_LEVEL=silent", () => {
    process.env.LOG_LEVEL = "silent";
    const { logger, lines } = capture({});
    logger.error("unheard");
    expect(lines).toEqual([]);
  });
});
