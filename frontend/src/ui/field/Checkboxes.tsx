import "./field.css";

export interface CheckboxOption {
  value: string;
  label: string;
}

/** A fieldset of checkboxes: the legend is the question, each box its own label. */
export function Checkboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: CheckboxOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
}) {
  const errorId = props.error ? `${props.name}-error` : undefined;
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  return (
    <fieldset
      class={`field field--group${props.error ? " field--error" : ""}`}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
    >
      <legend class="field__label">{props.legend}</legend>
      {props.hint && <p class="field__hint" id={hintId}>{props.hint}</p>}
      {props.error && <p class="field__error" id={errorId}>{props.error}</p>}
      <div class="choices">
        {props.options.map((o) => {
          const id = `${props.name}-${o.value}`;
          return (
            <div class="choice" key={o.value}>
              <input
                class="choice__input"
                type="checkbox"
                id={id}
                name={props.name}
                value={o.value}
                checked={props.selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              <label class="choice__label" for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Radios for one choice out of a few. */
export function Radios(props: {
  name: string;
  legend: string;
  error?: string;
  options: CheckboxOption[];
  value: string;
  onChange: (value: string) => void;
}) {
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <fieldset class={`field field--group${props.error ? " field--error" : ""}`} aria-describedby={errorId}>
      <legend class="field__label">{props.legend}</legend>
      {props.error && <p class="field__error" id={errorId}>{props.error}</p>}
      <div class="choices">
        {props.options.map((o) => {
          const id = `${props.name}-${o.value}`;
          return (
            <div class="choice" key={o.value}>
              <input
                class="choice__input"
                type="radio"
                id={id}
                name={props.name}
                value={o.value}
                checked={props.value === o.value}
                onChange={() => props.onChange(o.value)}
              />
              <label class="choice__label" for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
