import { describe, expect, it } from "vitest";
import IntlMessageFormat from "intl-messageformat";
import { ja } from "./ja";
import { en } from "./en";
import {
  argumentNames,
  catalogues,
  format,
  formatDateTime,
  formatNumber,
  KIOSK_LANGS,
  LANG_NAMES,
  localized,
  message,
  OFFICE_LANGS,
  translator,
  type Lang,
  type MessageKey,
} from "./index";

const every = Object.entries(catalogues) as [Lang, Record<string, string>][];

describe("message catalogues", () => {
  it("every Japanese key exists in English and vice versa", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("no message is empty", () => {
    for (const [lang, messages] of every) {
      for (const [key, value] of Object.entries(messages)) expect(value.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  // ICU quoting: an apostrophe before { } # or ' starts a quote; a stray brace is an error.
  it.each(every)("every %s message parses as ICU MessageFormat", (lang, messages) => {
    for (const [key, value] of Object.entries(messages)) {
      expect(() => new IntlMessageFormat(value, "ja", undefined, { ignoreTag: true }), `${lang} ${key}`).not.toThrow();
    }
  });

  it.each(every)("every %s message has the same arguments as Japanese", (lang, messages) => {
    for (const [key, value] of Object.entries(messages)) {
      expect(argumentNames(value), `${lang} ${key}`).toEqual(argumentNames(ja[key as MessageKey]));
    }
  });

  it.each(every)("no %s message loses text to ICU quoting", (lang, messages) => {
    // Formatting with each argument set to a marker must keep every letter of the template
    // outside the braces: a quote that swallowed a {placeholder} would drop it.
    for (const [key, value] of Object.entries(messages)) {
      const params = Object.fromEntries(argumentNames(value).map((n) => [n, 1]));
      const out = format(value, params, lang);
      if (!value.includes("'")) continue;
      expect(out.replace(/’/g, "'"), `${lang} ${key}`).toContain(value.split("{")[0]!.replace(/’/g, "'"));
    }
  });
});

describe("t()", () => {
  it("fills placeholders", () => {
    expect(translator("en")("dashboard.signedInAs", { name: "Sato" })).toBe("Signed in as Sato");
    expect(translator("ja")("dashboard.signedInAs", { name: "佐藤" })).toBe("佐藤 さんでサインインしています");
  });

  it("keeps apostrophes as written", () => {
    expect(translator("en")("kiosk.idle.stay")).toBe("I'm still here");
  });

  it("leaves an unknown placeholder visible", () => {
    expect(format("Hello {who}", {})).toBe("Hello {who}");
    expect(translator("en")("kiosk.waiting.service")).toBe("For: {service}");
  });

  it("says 1 minute but 2 minutes in English, Portuguese and Vietnamese", () => {
    const en = translator("en");
    expect(en("kiosk.waiting.wait", { minutes: 1 })).toBe("About 1 minute");
    expect(en("kiosk.waiting.wait", { minutes: 2 })).toBe("About 2 minutes");
    expect(en("card.pin.tries", { tries: 1 })).toBe("You can try 1 more time.");
    expect(en("card.pin.tries", { tries: 3 })).toBe("You can try 3 more times.");
    const pt = translator("pt");
    expect(pt("kiosk.waiting.wait", { minutes: 1 })).toMatch(/\b1 minuto\b/);
    expect(pt("kiosk.waiting.wait", { minutes: 5 })).toMatch(/\b5 minutos\b/);
    // Vietnamese does not inflect: the number carries it.
    expect(translator("vi")("kiosk.waiting.wait", { minutes: 1 })).toContain("1 phút");
    expect(translator("ja")("kiosk.waiting.wait", { minutes: 1 })).toBe("およそ 1 分");
  });

  it("gives each kiosk language its own words", () => {
    const greeting = Object.fromEntries(KIOSK_LANGS.map((l) => [l, translator(l)("kiosk.welcome.greeting")]));
    expect(new Set(Object.values(greeting)).size).toBeGreaterThanOrEqual(5); // ja and ja-easy may share ようこそ
    expect(greeting.en).toBe("Welcome");
  });

  it("falls back for an office word in a kiosk-only language: vi, pt to English; ja-easy, zh to Japanese", () => {
    expect(message("vi", "queue.title")).toEqual({ text: en["queue.title"], lang: "en" });
    expect(message("pt", "queue.title").lang).toBe("en");
    expect(message("ja-easy", "queue.title")).toEqual({ text: ja["queue.title"], lang: "ja" });
    expect(message("zh", "queue.title").lang).toBe("ja");
    // …and the plural rules are those of the language the words came from.
    expect(translator("vi")("queue.waitedValue", { minutes: 1, seconds: 2 })).toBe("1 min 2 s");
  });
});

describe("languages", () => {
  it("the kiosk offers six, staff and admin two", () => {
    expect(KIOSK_LANGS).toEqual(["ja", "ja-easy", "en", "vi", "pt", "zh"]);
    expect(OFFICE_LANGS).toEqual(["ja", "en"]);
  });

  it("names each language in itself", () => {
    expect(LANG_NAMES).toMatchObject({ ja: "日本語", en: "English", vi: "Tiếng Việt", pt: "Português" });
  });
});

describe("localized()", () => {
  const text = { ja: "健康相談", en: "Health advice", ja_easy: "からだの そうだん", vi: "Tư vấn sức khỏe", pt: "", zh: null };

  it("picks the language's own text", () => {
    expect(localized(text, "ja")).toBe("健康相談");
    expect(localized(text, "ja-easy")).toBe("からだの そうだん");
    expect(localized(text, "vi")).toBe("Tư vấn sức khỏe");
  });

  it("falls back as t() does: pt to English, zh to Japanese, ja-easy to Japanese", () => {
    expect(localized(text, "pt")).toBe("Health advice");
    expect(localized(text, "zh")).toBe("健康相談");
    expect(localized({ ja: "健康相談", en: "Health advice" }, "ja-easy")).toBe("健康相談");
    expect(localized({ ja: "健康相談", en: "" }, "en")).toBe("健康相談");
  });
});

describe("dates and numbers", () => {
  const iso = "2026-03-04T05:06:00Z";
  it.each([
    ["ja", "ja-JP"],
    ["vi", "vi-VN"],
    ["pt", "pt-BR"],
    ["zh", "zh-CN"],
  ] as const)("%s uses the %s locale", (lang, locale) => {
    const want = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
    expect(formatDateTime(iso, lang)).toBe(want);
  });

  it("formats numbers the local way", () => {
    expect(formatNumber(1234.5, "pt")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});
