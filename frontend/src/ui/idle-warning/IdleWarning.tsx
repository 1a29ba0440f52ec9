import { useI18n } from "../../lib/i18n";
import { Button } from "../button/Button";
import { Modal } from "../modal/Modal";
import "./idle-warning.css";

/**
 * "Are you still there?" before a shared kiosk clears itself (WCAG 2.2.1: the time limit can be
 * extended with one simple action). Escape is "I'm still here" too, never a way to skip the
 * question into a wipe. The countdown is shown large but announced only once, not every second.
 */
export function IdleWarning(props: { secondsLeft: number; onStay: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      class="idle-warning"
      role="alertdialog"
      labelledBy="idle-warning-title"
      describedBy="idle-warning-privacy"
      onCancel={props.onStay}
    >
      <h2 id="idle-warning-title" class="modal__title">{t("kiosk.idle.title")}</h2>
      <p class="idle-warning__countdown" aria-hidden="true" data-testid="idle-countdown">
        {t("kiosk.idle.countdown", { seconds: props.secondsLeft })}
      </p>
      <p id="idle-warning-privacy">{t("kiosk.idle.privacy")}</p>
      <Button wide onClick={props.onStay} autoFocus>
        {t("kiosk.idle.stay")}
      </Button>
    </Modal>
  );
}
