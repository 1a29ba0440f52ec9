import type { JSX } from "preact";
import type { Mark } from "../../lib/protocol.gen";
import "./document-view.css";

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

/**
 * A document page (or photo) with the clerk's marks drawn over it: points as rings, highlights as
 * yellow boxes. Marks are fractions (0..1) of the image's width and height, so both screens draw
 * them in the same place whatever size each shows the page at. Pointer handlers (the clerk's
 * side) get the overlay; the kiosk passes none and only looks.
 */
export function DocumentView(props: {
  src: string;
  alt: string;
  marks: Mark[];
  draft?: Mark | null;
  size?: "large" | "medium";
  testId?: string;
  overlay?: Pick<
    JSX.HTMLAttributes<SVGSVGElement>,
    "onPointerDown" | "onPointerMove" | "onPointerUp" | "onPointerCancel"
  >;
  onLoad?: () => void;
}) {
  const all = props.draft ? [...props.marks, props.draft] : props.marks;
  return (
    <figure class={`document-view document-view--${props.size ?? "large"}`} data-testid={props.testId}>
      <div class="document-view__page">
        <img class="document-view__image" src={props.src} alt={props.alt} onLoad={props.onLoad} draggable={false} />
        <svg
          class={`document-view__marks ${props.overlay ? "document-view__marks--drawing" : ""}`}
          aria-hidden="true"
          data-marks={all.length}
          {...props.overlay}
        >
          {all.map((m, i) =>
            m.kind === "point" ? (
              <circle key={i} class="document-view__point" cx={pct(m.x)} cy={pct(m.y)} />
            ) : (
              <rect
                key={i}
                class="document-view__highlight"
                x={pct(m.x)}
                y={pct(m.y)}
                width={pct(m.width ?? 0)}
                height={pct(m.height ?? 0)}
              />
            ),
          )}
        </svg>
      </div>
    </figure>
  );
}

/** Where a pointer event falls on the overlay, as fractions of its width and height (clamped to the page). */
export function fractionOf(e: PointerEvent): { x: number; y: number } {
  const box = (e.currentTarget as Element).getBoundingClientRect();
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp((e.clientX - box.left) / box.width), y: clamp((e.clientY - box.top) / box.height) };
}
