import { h, type JSX, type VNode } from "preact";
import "./ruby.css";

/** A plain piece of text, or [kanji, reading]. */
export type Segment = string | readonly [string, string];

/**
 * Segments as vnodes, in one inline <span> (so a flex container, a button, sees one item as it
 * saw one string): plain text stays text; kanji become <ruby class="furigana" data-ruby="…"> with
 * the reading drawn above by CSS (ruby.css). --bn/--rn (base and reading lengths) let CSS widen
 * the base when the reading is longer, as ruby layout would.
 */
export function rubyVNodes(segments: readonly Segment[]): VNode {
  return h<JSX.HTMLAttributes<HTMLSpanElement>>(
    "span",
    { class: "furigana-text" },
    ...segments.map((s) =>
      typeof s === "string"
        ? s
        : h("ruby", { class: "furigana", "data-ruby": s[1], style: { "--bn": [...s[0]].length, "--rn": [...s[1]].length } }, s[0]),
    ),
  );
}
