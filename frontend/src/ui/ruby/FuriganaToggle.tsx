import { isJapanese, useI18n } from "../../lib/i18n";
import { rubyVNodes } from "./render";
import "./furigana-toggle.css";

/**
 * "ふりがな あり / なし": one big button; pressed means readings are shown. Only while the screen
 * is in Japanese or やさしい日本語 (other languages have no kanji to read). The state word is for
 * the eye; a screen reader hears the button's pressed state instead.
 */
export function FuriganaToggle() {
  const { lang, t, furigana, setFurigana } = useI18n();
  if (!isJapanese(lang)) return null;
  return (
    <button
      type="button"
      class="tool-button furigana-toggle"
      aria-pressed={furigana ? "true" : "false"}
      data-no-ruby
      onClick={() => setFurigana(!furigana)}
    >
      <span class="furigana-toggle__sample" aria-hidden="true">
        {rubyVNodes([["字", "じ"]])}
      </span>
      <span>{t("kiosk.furigana.label")}</span>
      <span class="furigana-toggle__state" aria-hidden="true">
        {furigana ? t("kiosk.furigana.on") : t("kiosk.furigana.off")}
      </span>
    </button>
  );
}
