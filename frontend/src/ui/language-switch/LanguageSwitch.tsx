import { LANGS, LANG_NAMES, useI18n } from "../../lib/i18n";
import "./language-switch.css";

/** Each language by its own name, marked with its own lang so it is read out correctly. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <nav class="language-switch" aria-label={t("common.language")}>
      <ul class="language-switch__list">
        {LANGS.map((l) => (
          <li key={l}>
            <button
              type="button"
              class="language-switch__button"
              lang={l}
              aria-pressed={l === lang ? "true" : "false"}
              onClick={() => setLang(l)}
            >
              {LANG_NAMES[l]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
