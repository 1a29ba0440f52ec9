import { describe, expect, it } from "vitest";
import { currentRoute, match } from "./router";

describe("router", () => {
  it("reads the hash as a path", () => {
    expect(currentRoute("#/invite/abc")).toBe("/invite/abc");
    expect(currentRoute("")).toBe("/");
    expect(currentRoute("#junk")).toBe("/");
  });

  it("matches patterns with parameters", () => {
    expect(match("/invite/:token", "/invite/a%2Db")).toEqual({ token: "a-b" });
    expect(match("/invite/:token", "/invite/")).toBeNull();
    expect(match("/invite/:token", "/terminals")).toBeNull();
    expect(match("/terminals", "/terminals")).toEqual({});
  });
});
