import { describe, expect, it } from "vitest";
import { ja } from "./ja";
import { en } from "./en";
import { format, localized, translator } from "./index";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("every Japanese key exists in English and vice versa", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("no message is empty", () => {
    for (const [key, value] of [...Object.entries(ja), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });

  it("both languages use the same placeholders in each message", () => {
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });
});

describe("t()", () => {
  it("fills placeholders", () => {
    expect(translator("en")("dashboard.signedInAs", { name: "Sato" })).toBe("Signed in as Sato");
    expect(translator("ja")("dashboard.signedInAs", { name: "佐藤" })).toBe("佐藤 さんでサインインしています");
  });

  it("leaves an unknown placeholder visible", () => {
    expect(format("Hello {who}", {})).toBe("Hello {who}");
  });

  it("falls back to Japanese for catalogue text missing in a language", () => {
    expect(localized({ ja: "健康相談", en: "" }, "en")).toBe("健康相談");
    expect(localized({ ja: "健康相談", en: "Health advice" }, "en")).toBe("Health advice");
  });
});
