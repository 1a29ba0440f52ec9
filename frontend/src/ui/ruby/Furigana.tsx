import { options, type ComponentChildren, type VNode } from "preact";
import { observeTexts, useI18n } from "../../lib/i18n";
import { rubyVNodes } from "./render";
import { rubyObserver, segmentsFor } from "./segments";

/*
 * How furigana reach the screen without touching anyone's screens.
 *
 * Every kiosk text goes through t() or localized(), which report Japanese texts with their
 * readings (segments.ts). A Preact options.vnode hook then replaces exactly those strings, where
 * they are an element's text children, by a <span> of text and <ruby> as the element is created.
 * Why this way:
 * - no component has to change, and none can forget: a new screen gets furigana by using t();
 * - strings with {placeholders} are right: segments are remembered for the finished string,
 *   with the value's own segments (a service name from the server) put in the argument's place;
 * - only children of elements are touched, never attributes (aria-label, placeholder, title),
 *   and never the text of <option>, <textarea>, <title>, SVG text or an element marked
 *   data-no-ruby (its own text; its children's elements are made before it);
 * - only for Japanese: in the other languages there are no readings to give (a Japanese name in
 *   them is left bare: a person's or a place's reading is not guessed);
 * - a DOM pass after rendering (MutationObserver) would fight Preact's diff over the same nodes.
 *
 * The reading is drawn by CSS from the ruby's data-ruby attribute, as generated content with
 * empty alternative text, and the ruby stays an inline box with no <rt> child. So furigana are a
 * visual aid only: the DOM text, a screen reader's reading, an accessible name, the read-aloud
 * button and anything that looks for words on the page get each word once, as written
 * ("登録する", never "登録とうろくする" or "登録 する"). Screen readers read kanji correctly
 * themselves; readings in the text would make them say every word twice. (An <rt> element, or
 * the default display: ruby, makes accessible-name algorithms that do not know ruby, such as
 * Playwright's, put a word break around each annotated word; Chromium's own does not.)
 */
const SKIP = new Set([
  ...["ruby", "rt", "rp", "option", "optgroup", "select", "textarea", "title", "script", "style"],
  // SVG text (its children are made before the <svg> itself, so the <svg> cannot stand for them)
  ...["svg", "text", "tspan", "desc"],
]);

let active = false;
let installed = false;

/** Turns the hook on (kiosk only); idempotent. */
export function installFurigana(): void {
  if (installed) return;
  installed = true;
  observeTexts(rubyObserver);
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    if (active && typeof vnode.type === "string" && !SKIP.has(vnode.type)) {
      const props = vnode.props as { children?: ComponentChildren; class?: unknown; "data-no-ruby"?: unknown };
      if (props.children != null && props["data-no-ruby"] === undefined && props.class !== "furigana-text") {
        const next = withRuby(props.children);
        if (next !== props.children) props.children = next;
      }
    }
    previous?.(vnode);
  };
}

function withRuby(children: ComponentChildren): ComponentChildren {
  if (typeof children === "string") {
    const segments = segmentsFor(children);
    return segments ? rubyVNodes(segments) : children;
  }
  if (Array.isArray(children)) {
    let changed = false;
    const out = children.map((child: ComponentChildren) => {
      const next = withRuby(child);
      if (next !== child) changed = true;
      return next;
    });
    return changed ? out : children;
  }
  return children;
}

/**
 * Around the kiosk app: switches the hook with the citizen's choice (on by default in Japanese
 * and やさしい日本語, never in the other languages). It renders before everything inside it, so
 * the screens below see the current setting.
 */
export function Furigana(props: { children: ComponentChildren }) {
  const { furigana } = useI18n();
  active = furigana;
  return <>{props.children}</>;
}
