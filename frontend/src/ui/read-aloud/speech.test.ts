import { describe, expect, it } from "vitest";
import { pickVoice, SPEECH_LANG } from "./speech";

const voice = (lang: string, localService = true, name = lang) =>
  ({ lang, localService, name, default: false, voiceURI: name }) as SpeechSynthesisVoice;

describe("pickVoice", () => {
  it("asks each language's own voice", () => {
    expect(SPEECH_LANG).toEqual({ ja: "ja-JP", "ja-easy": "ja-JP", en: "en-US", vi: "vi-VN", pt: "pt-BR", zh: "zh-CN" });
  });

  it("prefers the exact region, then a local voice", () => {
    const voices = [voice("pt-PT"), voice("pt-BR", false, "remote"), voice("pt-BR", true, "local"), voice("en-US")];
    expect(pickVoice(voices, "pt")?.name).toBe("local");
    expect(pickVoice([voice("pt-PT")], "pt")?.lang).toBe("pt-PT");
    expect(pickVoice([voice("zh_CN")], "zh")?.lang).toBe("zh_CN");
  });

  it("finds none when the device has no voice for the language", () => {
    expect(pickVoice([voice("en-US"), voice("ja-JP")], "vi")).toBeNull();
    expect(pickVoice([], "ja")).toBeNull();
  });
});
