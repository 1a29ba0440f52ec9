import type { JSX } from "preact";

// Simple line drawings on a 48×48 grid; decorative, so hidden from screen readers.
const shapes: Record<string, JSX.Element> = {
  care: (
    <>
      <circle cx="17" cy="10" r="5" />
      <path d="M17 16v14l-5 12M17 30l6 12M10 22h14" />
      <circle cx="34" cy="33" r="9" />
      <path d="M34 24v-6h6" />
    </>
  ),
  talk: (
    <>
      <path d="M6 10h26v16H16l-7 6v-6H6z" />
      <path d="M36 18h6v16h-3v6l-7-6H20v-4" />
    </>
  ),
  card: (
    <>
      <rect x="4" y="11" width="40" height="26" rx="3" />
      <circle cx="15" cy="22" r="5" />
      <path d="M9 32c1-4 11-4 12 0M26 19h13M26 25h13M26 31h8" />
    </>
  ),
  document: (
    <>
      <path d="M10 4h20l8 8v32H10z" />
      <path d="M30 4v8h8M16 20h16M16 27h16M16 34h10" />
    </>
  ),
  health: (
    <>
      <path d="M24 42S6 31 6 18a9 9 0 0 1 18-3 9 9 0 0 1 18 3c0 13-18 24-18 24z" />
      <path d="M24 19v12M18 25h12" />
    </>
  ),
  child: (
    <>
      <circle cx="16" cy="11" r="5" />
      <path d="M16 16v16l-4 10M16 32l4 10M9 22h14" />
      <circle cx="34" cy="21" r="4" />
      <path d="M34 25v9l-3 8M34 34l3 8M29 29h10" />
    </>
  ),
  subsidy: (
    <>
      <circle cx="24" cy="24" r="17" />
      <path d="M17 14l7 10 7-10M24 24v13M17 26h14M17 31h14" />
    </>
  ),
  bank: (
    <>
      <path d="M4 18L24 6l20 12z" />
      <path d="M9 22v14M19 22v14M29 22v14M39 22v14M4 40h40" />
    </>
  ),
  "home-care": (
    <>
      <path d="M5 22L24 6l19 16" />
      <path d="M10 18v24h28V18" />
      <path d="M24 38s-8-5-8-10a4 4 0 0 1 8-1 4 4 0 0 1 8 1c0 5-8 10-8 10z" />
    </>
  ),
};

const fallback = (
  <>
    <path d="M6 20h36v22H6zM10 20V10h28v10" />
    <path d="M18 30h12" />
  </>
);

export function ServiceIcon(props: { name: string; class?: string }) {
  return (
    <svg
      class={props.class}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {shapes[props.name] ?? fallback}
    </svg>
  );
}
