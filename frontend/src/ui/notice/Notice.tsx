import type { ComponentChildren } from "preact";
import "./notice.css";

/** A calm status line (role=status) for things that went well or that the user should know. */
export function Notice(props: { kind?: "info" | "success" | "warning"; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${props.kind ?? "info"}`} role="status">
      {props.children}
    </div>
  );
}
