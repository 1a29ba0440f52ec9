import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import { Button } from "../button/Button";
import "./confirm-button.css";

/**
 * A destructive action asked twice, in the page (no browser dialog): the first press shows the
 * question with "yes" and "cancel"; focus moves to the question so it is read out.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel?: string;
  onConfirm: () => Promise<void> | void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <Button variant="danger" onClick={() => setAsking(true)}>
        {props.label}
      </Button>
    );
  }
  return (
    <div class="confirm">
      <p class="confirm__question" tabIndex={-1} ref={question}>
        {props.question}
      </p>
      <div class="confirm__actions">
        <Button
          variant="danger"
          busy={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {props.confirmLabel ?? props.label}
        </Button>
        <Button variant="secondary" onClick={() => setAsking(false)}>
          {t("common.back")}
        </Button>
      </div>
    </div>
  );
}
