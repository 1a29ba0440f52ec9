import { useEffect, useRef } from "preact/hooks";
import "./error-summary.css";

export interface SummaryItem {
  message: string;
  /** id of the field to jump to, when the message is about one field */
  href?: string;
}

/**
 * The polite "please check" box at the top of a form. It takes focus when it appears so a
 * screen reader reads it and a sighted user sees it, and links each message to its field.
 */
export function ErrorSummary(props: { title: string; items: SummaryItem[]; autoFocus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = props.items.map((i) => i.message).join("|");
  useEffect(() => {
    if (props.autoFocus !== false && props.items.length) ref.current?.focus();
  }, [key]);
  if (!props.items.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 class="error-summary__title" id="error-summary-title">
        {props.title}
      </h2>
      <ul class="error-summary__list">
        {props.items.map((item) => (
          <li key={item.message}>
            {item.href ? <a href={`#${item.href}`} onClick={(e) => jump(e, item.href!)}>{item.message}</a> : item.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

// Hash links would fight the hash router: move focus instead of navigating.
function jump(e: Event, id: string) {
  e.preventDefault();
  const el = document.getElementById(id);
  el?.focus();
  el?.scrollIntoView({ block: "center" });
}
