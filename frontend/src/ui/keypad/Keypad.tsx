import { useI18n } from "../../lib/i18n";
import "./keypad.css";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * A large on-screen number pad. Kiosks in the van often have a touch screen and no keyboard,
 * and a full-screen kiosk browser may show no system keyboard at all.
 */
export function Keypad(props: { target: string; onDigit: (digit: string) => void; onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <div class="keypad" role="group" aria-label={t("keypad.label")}>
      {KEYS.map((k) => (
        <button type="button" class="keypad__key" key={k} aria-controls={props.target} onClick={() => props.onDigit(k)}>
          {k}
        </button>
      ))}
      <button type="button" class="keypad__key keypad__key--delete" aria-controls={props.target} onClick={props.onDelete}>
        {t("keypad.delete")}
      </button>
      <button type="button" class="keypad__key" aria-controls={props.target} onClick={() => props.onDigit("0")}>
        0
      </button>
    </div>
  );
}
