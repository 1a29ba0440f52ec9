import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { render } from "preact-render-to-string";
import { I18nProvider, localized, translator, useI18n, type Lang } from "../../lib/i18n";
import { ja } from "../../lib/i18n/ja";
import type { Localized } from "../../lib/protocol.gen";
import generated from "./catalogue-ruby.gen.json";
import { Furigana, installFurigana } from "./Furigana";
import { forget, messageSegments, plain, segmentsFor } from "./segments";

const HAN = /[\u3400-\u9fff]/;
const service: Localized = {
  ja: "健康相談",
  en: "Health advice",
  ja_easy: "体の相談",
  ja_ruby: [{ text: "健康", ruby: "けんこう" }, { text: "相談", ruby: "そうだん" }],
  ja_easy_ruby: [{ text: "体", ruby: "からだ" }, { text: "の" }, { text: "相談", ruby: "そうだん" }],
};

beforeAll(() => installFurigana());
afterEach(() => forget());

describe("the generated catalogue readings", () => {
  const table = generated as Record<string, Record<string, unknown[] | null>>;

  it("cover every Japanese kiosk message with kanji, letter for letter", () => {
    for (const lang of ["ja", "ja-easy"] as const) {
      for (const [key, segments] of Object.entries(table[lang]!)) {
        expect(segments, `${lang} ${key}`).not.toBeNull();
        const text = plain(segments as never);
        expect(text, `${lang} ${key}`).toBe(lang === "ja" ? ja[key as keyof typeof ja] : text);
        // Every kanji sits in a [kanji, reading] pair.
        for (const s of segments!) if (typeof s === "string") expect(s, `${lang} ${key}`).not.toMatch(HAN);
      }
    }
    expect(table.ja!["kiosk.waiting.title"]).toEqual([["順番", "じゅんばん"], "をお", ["待", "ま"], "ちください"]);
  });
});

describe("segments for what t() and localized() hand out", () => {
  it("fill a {placeholder} with the value's own readings from the server", () => {
    const name = localized(service, "ja");
    const text = translator("ja")("kiosk.waiting.service", { service: name });
    expect(text).toBe("用件：健康相談");
    expect(segmentsFor(text)).toEqual([["用件", "ようけん"], "：", ["健康", "けんこう"], ["相談", "そうだん"]]);
  });

  it("leave numbers as they are, as ICU shows a plain argument", () => {
    const text = translator("ja")("kiosk.waiting.position", { position: 3 });
    expect(segmentsFor(text)).toEqual(["3 ", ["番", "ばん"], ["目", "め"]]);
    const long = translator("ja")("kiosk.waiting.wait", { minutes: 1200 });
    expect(long).toBe("およそ 1200 分");
    expect(segmentsFor(long)).toEqual(["およそ 1200 ", ["分", "ぶん"]]);
  });

  it("use the やさしい日本語 readings for やさしい日本語", () => {
    expect(localized(service, "ja-easy")).toBe("体の相談");
    expect(segmentsFor("体の相談")).toEqual([["体", "からだ"], "の", ["相談", "そうだん"]]);
  });

  it("are never made for other languages, nor for text nobody reported", () => {
    translator("en")("kiosk.waiting.title");
    localized(service, "zh"); // falls back to Japanese: the Japanese text gets its readings
    expect(segmentsFor("健康相談")).toBeDefined();
    expect(segmentsFor("山田太郎")).toBeUndefined();
  });

  it("keep an argument visible when it is missing", () => {
    expect(plain(messageSegments("ja", "kiosk.waiting.service")!)).toBe("用件：{service}");
  });
});

function Screen() {
  const { t, lang } = useI18n();
  return (
    <main>
      <h1>{t("kiosk.waiting.title")}</h1>
      <p>{t("kiosk.waiting.service", { service: localized(service, lang) })}</p>
      <p>山田太郎</p>
      <textarea value={t("kiosk.waiting.title")} />
      <button aria-label={t("kiosk.waiting.title")} type="button">
        {t("kiosk.waiting.leave")}
      </button>
    </main>
  );
}

const page = (lang: Lang, on = true) =>
  render(
    <I18nProvider initial={lang} langs={["ja", "ja-easy", "en", "vi", "pt", "zh"]} furigana={on}>
      <Furigana>
        <Screen />
      </Furigana>
    </I18nProvider>,
  );

describe("rendering", () => {
  it("puts ruby over the kanji of catalogue and server texts; the reading is an attribute, not text", () => {
    const html = page("ja");
    expect(html).toContain(
      '<h1><span class="furigana-text"><ruby class="furigana" data-ruby="じゅんばん" style="--bn:2;--rn:5;">順番</ruby>をお<ruby class="furigana" data-ruby="ま" style="--bn:1;--rn:1;">待</ruby>ちください</span></h1>',
    );
    expect(html).toContain('data-ruby="けんこう" style="--bn:2;--rn:4;">健康</ruby>');
  });

  it("leaves attributes, form fields and unknown text alone", () => {
    const html = page("ja");
    expect(html).toContain('aria-label="順番をお待ちください"');
    expect(html).toMatch(/<textarea[^>]*>順番をお待ちください<\/textarea>|<textarea[^>]*value="順番をお待ちください"/);
    expect(html).toContain("<p>山田太郎</p>");
  });

  it("shows no ruby when furigana are off, nor in English", () => {
    expect(page("ja", false)).not.toContain("<ruby");
    expect(page("en")).not.toContain("<ruby");
  });
});
