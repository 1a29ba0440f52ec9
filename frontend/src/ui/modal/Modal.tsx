import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import "./modal.css";

/**
 * A kiosk question that must be answered before anything else: a real modal <dialog>, so focus
 * stays inside and the page beneath is inert. Shown while mounted; Escape calls onCancel (the
 * caller decides what "cancel" means — never a silent skip).
 */
export function Modal(props: {
  labelledBy: string;
  describedBy?: string;
  role?: JSX.AriaRole;
  class?: string;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === "function") d.showModal();
    return () => d?.open && d.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class={`modal ${props.class ?? ""}`}
      role={props.role}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      {props.children}
    </dialog>
  );
}
