/**
 * Which reading goes over which kanji, for the texts the kiosk shows.
 *
 * Readings come from a real analyser (fugashi + unidic-lite, corrections per term in
 * backend/furigana.json), never from guessing here:
 * - UI messages: at build time, into catalogue-ruby.gen.json (frontend/scripts/furigana-catalogue.mjs).
 *   A message keeps its ICU arguments as `{name}`; the value put there brings its own segments
 *   (a service name has them from the server) or is shown as it is (a number, a ticket).
 * - Catalogue and form texts from the server: Localized.ja_ruby / ja_easy_ruby.
 *
 * t() and localized() report each Japanese text they hand out (observeTexts in lib/i18n), and
 * this module remembers its segments by the text itself. The renderer (install.ts) then puts
 * ruby over exactly those strings. A text nobody reported (a name, an address, a chat line) gets
 * none: a wrong reading of a person's name is worse than no reading.
 */
import type { Lang, MessageKey, Params, TextObserver } from "../../lib/i18n";
import type { Localized, RubySegment } from "../../lib/protocol.gen";
import generated from "./catalogue-ruby.gen.json";

import type { Segment } from "./render";

export type { Segment };

type Table = Partial<Record<string, Partial<Record<string, Segment[] | null>>>>;
const CATALOGUE = generated as unknown as Table;

const KANJI = /[\u3400-\u9fff\uf900-\ufaff々〆ヶ]|[\u{20000}-\u{3134f}]/u;
export const hasKanji = (text: string): boolean => KANJI.test(text);

/** Texts seen lately → their segments. Bounded: a kiosk runs for days. */
const known = new Map<string, readonly Segment[]>();
const LIMIT = 4000;

export function remember(text: string, segments: readonly Segment[]): void {
  if (!hasKanji(text) || plain(segments) !== text) return; // only what matches letter for letter
  if (known.has(text)) known.delete(text);
  known.set(text, segments);
  if (known.size > LIMIT) known.delete(known.keys().next().value as string);
}

/** The segments for a text shown on screen, if one of ours. */
export function segmentsFor(text: string): readonly Segment[] | undefined {
  return known.get(text);
}

export function forget(): void {
  known.clear();
}

export function plain(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === "string" ? s : s[0])).join("");
}

export function fromServer(segments: readonly RubySegment[]): Segment[] {
  return segments.map((s) => (s.ruby ? ([s.text, s.ruby] as const) : s.text));
}

/** A message's segments with its {arguments} filled in; undefined when it has none (no kanji). */
export function messageSegments(lang: Lang, key: MessageKey, params?: Params): Segment[] | undefined {
  const template = CATALOGUE[lang]?.[key];
  if (!template) return undefined;
  const out: Segment[] = [];
  for (const seg of template) {
    if (typeof seg !== "string") {
      out.push(seg);
      continue;
    }
    // Plain text with possible {name} arguments: "：{service}" → "：", segments of the value.
    seg.split(/\{(\w+)\}/).forEach((piece, i) => {
      if (i % 2 === 0) {
        if (piece) out.push(piece);
        return;
      }
      const value = params?.[piece];
      // A plain {argument} is shown as String(value) by ICU too (a plural's # would be grouped,
      // but Japanese messages have none: the generator gives those no segments).
      const text = value === undefined ? `{${piece}}` : String(value);
      out.push(...(known.get(text) ?? [text]));
    });
  }
  // Neighbouring plain pieces as one string: "3" + " 番目" reads as one text node.
  return out.reduce<Segment[]>((all, s) => {
    const last = all[all.length - 1];
    if (typeof s === "string" && typeof last === "string") all[all.length - 1] = last + s;
    else all.push(s);
    return all;
  }, []);
}

/** What lib/i18n tells us; installed by the kiosk only (the office apps show no furigana). */
export const rubyObserver: TextObserver = {
  translated(lang, key, params, text) {
    if (lang !== "ja" && lang !== "ja-easy") return;
    const segments = messageSegments(lang, key, params);
    // remember() keeps them only if they spell the text exactly (else: no ruby, never wrong ruby).
    if (segments) remember(text, segments);
  },
  localized(text: Localized, lang, shown) {
    const ruby = lang === "ja" ? text.ja_ruby : lang === "ja-easy" ? text.ja_easy_ruby : null;
    if (ruby) remember(shown, fromServer(ruby));
  },
};
