import type { ComponentChildren } from "preact";
import "./summary-list.css";

/** Label / value pairs as a <dl>, stacking on narrow screens instead of scrolling sideways. */
export function SummaryList(props: { rows: { label: string; value: ComponentChildren }[] }) {
  return (
    <dl class="summary-list">
      {props.rows.map((r) => (
        <div class="summary-list__row" key={r.label}>
          <dt class="summary-list__key">{r.label}</dt>
          <dd class="summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
