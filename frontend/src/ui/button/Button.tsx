import type { ComponentChildren, JSX } from "preact";
import "./button.css";

export type ButtonVariant = "primary" | "secondary" | "danger" | "help" | "link";

export interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "size"> {
  variant?: ButtonVariant;
  /** Shows the busy label and blocks a second press while a request is running. */
  busy?: boolean;
  busyLabel?: string;
  wide?: boolean;
  children: ComponentChildren;
}

/** A real <button>: keyboard, focus and screen readers work without extra code. */
export function Button({ variant = "primary", busy, busyLabel, wide, children, class: cls, ...rest }: ButtonProps) {
  const classes = ["button", `button--${variant}`, wide ? "button--wide" : "", cls ?? ""].filter(Boolean).join(" ");
  return (
    <button
      type="button"
      {...rest}
      class={classes}
      aria-disabled={busy ? "true" : undefined}
      onClick={busy ? (e) => e.preventDefault() : rest.onClick}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
