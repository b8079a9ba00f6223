import { describe, expect, it } from "vitest";
import { clientAddress } from "./sign-in-throttle";

describe("clientAddress", () => {
  it("is the first hop of X-Forwarded-For, without a port", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7:5123" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "[2001:DB8::1]:443" }))).toBe("2001:db8::1");
    expect(clientAddress(new Headers())).toBeNull();
  });
});
