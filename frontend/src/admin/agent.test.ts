import { describe, expect, it } from "vitest";
import { shortAgent } from "./agent";

describe("shortAgent", () => {
  it("names browser and system", () => {
    expect(shortAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36")).toBe(
      "Chrome 156 · Linux",
    );
    expect(shortAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0")).toBe(
      "Edge 120 · Windows",
    );
    expect(shortAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1")).toBe(
      "Safari 17 · iOS",
    );
  });

  it("keeps something recognisable for unknown agents", () => {
    expect(shortAgent("")).toBe("?");
    expect(shortAgent("curl/8.0")).toBe("curl/8.0");
  });
});
