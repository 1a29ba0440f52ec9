import { useRef, useState } from "preact/hooks";
import { HTML_LANG, LANG_NAMES, useI18n, type Lang } from "../../lib/i18n";
import { Button } from "../button/Button";
import { Modal } from "../modal/Modal";
import { rubyVNodes } from "../ruby/render";
import "./language-switch.css";

/** Readings for language names with kanji, drawn like the kiosk's other furigana (see ui/ruby). */
const NAME_RUBY: Partial<Record<Lang, readonly [string, string]>> = { ja: ["日本語", "にほんご"] };

/**
 * The languages as buttons, each in its own language's name (never flags) and marked with its own
 * lang so a screen reader says it right; the current one is pressed. Big on the kiosk.
 */
export function LanguageChoice(props: { onChosen?: (lang: Lang) => void; big?: boolean }) {
  const { lang, langs, setLang, furigana } = useI18n();
  return (
    <ul class={`language-switch__list${props.big ? " language-switch__list--big" : ""}`}>
      {langs.map((l) => {
        const ruby = furigana ? NAME_RUBY[l] : undefined;
        return (
          <li key={l}>
            <button
              type="button"
              class="language-switch__button"
              lang={HTML_LANG[l]}
              aria-pressed={l === lang ? "true" : "false"}
              data-lang={l}
              onClick={() => {
                setLang(l);
                props.onChosen?.(l);
              }}
            >
              {ruby ? rubyVNodes([ruby]) : LANG_NAMES[l]}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Staff and admin (two languages): both buttons inline. The kiosk (six): one "ことば / Language"
 * button in the top bar that opens a dialog asking just that, so the bar stays uncrowded.
 */
export function LanguageSwitch() {
  const { langs, t } = useI18n();
  if (langs.length <= 2) {
    return (
      <nav class="language-switch" aria-label={t("common.language")}>
        <LanguageChoice />
      </nav>
    );
  }
  return <LanguageDialogButton />;
}

function LanguageDialogButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        class="language-switch__open"
        ref={opener}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <svg class="language-switch__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="4" />
          <path d="M4 24h40M24 4c-7 6-7 34 0 40M24 4c7 6 7 34 0 40" fill="none" stroke="currentColor" stroke-width="3" />
        </svg>
        <span>{t("common.language")}</span>
      </button>
      {open && (
        <LanguageDialog
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** One question: which language. Choosing closes it; so do Close and Escape. */
function LanguageDialog(props: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal class="language-dialog" labelledBy="language-dialog-title" onCancel={props.onClose}>
      <h2 id="language-dialog-title" class="modal__title">
        {t("kiosk.language.title")}
      </h2>
      <LanguageChoice big onChosen={props.onClose} />
      <Button variant="secondary" wide class="language-dialog__close" onClick={props.onClose}>
        {t("common.close")}
      </Button>
    </Modal>
  );
}
