import type { JSX } from "preact";
import "./field.css";

export interface TextFieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "onInput" | "value"> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  /** Extra-large monospaced entry for codes read off another screen. */
  code?: boolean;
}

/** Label, hint, error and input tied together with for/aria-describedby so each is read aloud. */
export function TextField({ id, label, hint, error, value, onValue, code, class: cls, ...rest }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
      <input
        type="text"
        {...rest}
        id={id}
        class={`field__input${code ? " field__input--code" : ""} ${cls ?? ""}`}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}
