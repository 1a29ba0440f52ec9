import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import { Button } from "../button/Button";
import "./idle-warning.css";

/**
 * "Are you still there?" before a shared kiosk clears itself (WCAG 2.2.1: the time limit can be
 * extended with one simple action). A modal <dialog> keeps focus on the one button that matters;
 * the countdown is shown large but announced only once, not every second.
 */
export function IdleWarning(props: { secondsLeft: number; onStay: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === "function") d.showModal();
    return () => d?.open && d.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="idle-warning"
      role="alertdialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-privacy"
      // Escape is "I'm still here" too, never a way to skip the question into a wipe.
      onCancel={(e) => {
        e.preventDefault();
        props.onStay();
      }}
    >
      <h2 id="idle-warning-title" class="idle-warning__title">{t("kiosk.idle.title")}</h2>
      <p class="idle-warning__countdown" aria-hidden="true" data-testid="idle-countdown">
        {t("kiosk.idle.countdown", { seconds: props.secondsLeft })}
      </p>
      <p id="idle-warning-privacy">{t("kiosk.idle.privacy")}</p>
      <Button wide onClick={props.onStay} autoFocus>
        {t("kiosk.idle.stay")}
      </Button>
    </dialog>
  );
}
