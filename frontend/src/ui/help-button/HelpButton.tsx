import { useId } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import "./help-button.css";

export type HelpButtonStatus = "idle" | "asking" | "waiting" | "answered" | "failed";

const MESSAGE = {
  idle: null,
  asking: "kiosk.help.asking",
  waiting: "kiosk.help.waiting",
  answered: "kiosk.help.answered",
  failed: "kiosk.help.failed",
} as const;

/**
 * The always-visible "たすけて / Help" button. What happened after pressing it is said next to it,
 * in large print and in a live region, so it is seen and heard.
 */
export function HelpButton(props: { status?: HelpButtonStatus; onHelp?: () => void }) {
  const { t } = useI18n();
  const status = props.status ?? "idle";
  const message = MESSAGE[status];
  const busy = status === "asking";
  const hint = useId(); // a dialog (the card check) may show a second Help button
  return (
    <div class="help">
      <button
        type="button"
        class="help__button"
        aria-describedby={hint}
        aria-disabled={busy ? "true" : undefined}
        onClick={() => {
          if (!busy) props.onHelp?.();
        }}
      >
        <svg class="help__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="4" />
          <path d="M17 18a7 7 0 1 1 10 6c-2 1-3 2-3 5" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
          <circle cx="24" cy="36" r="2.5" fill="currentColor" />
        </svg>
        <span>{t("common.help")}</span>
      </button>
      <span class="visually-hidden" id={hint}>{t("common.helpHint")}</span>
      <p class={`help__message help__message--${status}`} role="status" data-testid="help-message">
        {message ? t(message) : ""}
      </p>
    </div>
  );
}
