import { useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import "./help-button.css";

/**
 * The always-visible "たすけて / Help" button. Calling staff is wired in a later issue; until
 * then it says politely what to do instead, in a live region.
 */
export function HelpButton(props: { onHelp?: () => void }) {
  const { t } = useI18n();
  const [asked, setAsked] = useState(false);
  return (
    <div class="help">
      <button
        type="button"
        class="help__button"
        aria-describedby="help-hint"
        onClick={() => {
          setAsked(true);
          props.onHelp?.();
        }}
      >
        <svg class="help__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="4" />
          <path d="M17 18a7 7 0 1 1 10 6c-2 1-3 2-3 5" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
          <circle cx="24" cy="36" r="2.5" fill="currentColor" />
        </svg>
        <span>{t("common.help")}</span>
      </button>
      <span class="visually-hidden" id="help-hint">{t("common.helpHint")}</span>
      <p class="help__message" role="status">{asked ? t("kiosk.help.announce") : ""}</p>
    </div>
  );
}
