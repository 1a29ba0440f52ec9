import type { CallStatus as Status } from "../../lib/call";
import { useI18n } from "../../lib/i18n";
import "./call-status.css";

/** The call's state in words, in a live region so a change is read out. */
export function CallStatus(props: { status: Status; waitingForPeer?: boolean }) {
  const { t } = useI18n();
  const text =
    props.status === "connecting" && props.waitingForPeer ? t("call.status.waitingForPeer") : t(`call.status.${props.status}`);
  return (
    <p class={`call-status call-status--${props.status}`} role="status" aria-live="polite" data-status={props.status}>
      <span class="visually-hidden">{t("call.status.line", { status: text })}</span>
      <span class="call-status__dot" aria-hidden="true" />
      <span aria-hidden="true">{text}</span>
    </p>
  );
}
