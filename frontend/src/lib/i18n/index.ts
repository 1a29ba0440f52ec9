/**
 * i18n: typed message catalogues per language and a small Preact context.
 *
 * - ja.ts is the reference; en.ts must have every key (staff and admin speak only ja and en).
 *   The kiosk-only languages (ja-easy, vi, pt, zh) are `Record<KioskKey, string>`: a word a citizen
 *   can see that is missing there is a compile error, office words are not needed.
 * - Messages are ICU MessageFormat, formatted by intl-messageformat (FormatJS, the well-kept
 *   implementation of the ICU syntax): `{name}` as before, plus plurals where a language needs
 *   them, e.g. `{minutes, plural, one {# minute} other {# minutes}}`. ICU quoting: an apostrophe
 *   is only special right before `{`, `}`, `#` or `'`, so "don't" stays as written; tags are off.
 *   i18n.test.ts parses every string of every catalogue and compares its arguments with ja's.
 * - A key a kiosk-only language lacks (an office word, never shown on the kiosk) falls back:
 *   ja-easy and zh to Japanese (a Chinese reader gets more from kanji than from English), vi and pt
 *   to English (Latin script), then to Japanese. The same order picks catalogue texts from the
 *   server (localized()).
 */
import { createContext, h, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import IntlMessageFormat from "intl-messageformat";
import { ja, type KioskKey, type MessageKey } from "./ja";
import { en } from "./en";
import { jaEasy } from "./ja-easy";
import { vi } from "./vi";
import { pt } from "./pt";
import { zh } from "./zh";
import type { Localized } from "../protocol.gen";
import { setApiLanguage } from "../api";

export type Lang = "ja" | "ja-easy" | "en" | "vi" | "pt" | "zh";
/** What a citizen can choose on the kiosk, in the order the welcome screen shows them. */
export const KIOSK_LANGS: readonly Lang[] = ["ja", "ja-easy", "en", "vi", "pt", "zh"];
/** What staff and admin screens offer. */
export const OFFICE_LANGS: readonly Lang[] = ["ja", "en"];

/** Each language's name in that language: the switch shows these, never flags. */
export const LANG_NAMES: Record<Lang, string> = {
  ja: "日本語",
  "ja-easy": "やさしい にほんご",
  en: "English",
  vi: "Tiếng Việt",
  pt: "Português",
  zh: "中文（简体）",
};

/** The lang attribute for text in the language (やさしい日本語 is Japanese to a screen reader). */
export const HTML_LANG: Record<Lang, string> = {
  ja: "ja",
  "ja-easy": "ja",
  en: "en",
  vi: "vi",
  pt: "pt-BR",
  zh: "zh-CN",
};

/** The locale for Intl (dates, numbers, plural rules). */
export const LOCALE: Record<Lang, string> = {
  ja: "ja-JP",
  "ja-easy": "ja-JP",
  en: "en-GB",
  vi: "vi-VN",
  pt: "pt-BR",
  zh: "zh-CN",
};

/** Where a missing text is looked for next (see the note at the top). */
export const FALLBACK: Record<Lang, readonly Lang[]> = {
  ja: [],
  "ja-easy": ["ja"],
  en: ["ja"],
  vi: ["en", "ja"],
  pt: ["en", "ja"],
  zh: ["ja", "en"],
};

type Catalogue = Partial<Record<MessageKey, string>>;
export const catalogues: {
  ja: Record<MessageKey, string>;
  en: Record<MessageKey, string>;
  "ja-easy": Record<KioskKey, string>;
  vi: Record<KioskKey, string>;
  pt: Record<KioskKey, string>;
  zh: Record<KioskKey, string>;
} = { ja, en, "ja-easy": jaEasy, vi, pt, zh };

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

/** The message for the key in the language, or in its fallbacks; which language it came from. */
export function message(lang: Lang, key: MessageKey): { text: string; lang: Lang } {
  for (const l of [lang, ...FALLBACK[lang]]) {
    const text = (catalogues[l] as Catalogue)[key];
    if (text !== undefined) return { text, lang: l };
  }
  return { text: key, lang };
}

const compiled = new Map<string, IntlMessageFormat | null>();

function compile(template: string, lang: Lang): IntlMessageFormat | null {
  const id = `${lang}\u0000${template}`;
  let mf = compiled.get(id);
  if (mf === undefined) {
    try {
      mf = new IntlMessageFormat(template, LOCALE[lang], undefined, { ignoreTag: true });
    } catch {
      mf = null; // not valid ICU: shown as written (the catalogue test stops this reaching users)
    }
    compiled.set(id, mf);
  }
  return mf;
}

/** The names of a message's arguments (`{name}`, `{n, plural, …}`), sorted. */
export function argumentNames(template: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const el of elements as { type: number; value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
      if (el.type >= 1 && el.type <= 6 && typeof el.value === "string") names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(template, "ja", undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

/**
 * Formats an ICU message. A missing parameter stays visible as {name} so the mistake is noticed
 * rather than crashing the screen.
 */
export function format(template: string, params?: Params, lang: Lang = "ja"): string {
  const mf = compile(template, lang);
  if (!mf) return template;
  const values: Params = { ...params };
  for (const name of argumentNames(template)) if (!(name in values)) values[name] = `{${name}}`;
  try {
    return String(mf.format(values));
  } catch {
    return template;
  }
}

/**
 * Something that wants to know which words went on screen: the kiosk's furigana keep a
 * reading for each Japanese text t() and localized() hand out (src/ui/ruby/). Not set elsewhere.
 */
export interface TextObserver {
  translated(lang: Lang, key: MessageKey, params: Params | undefined, text: string): void;
  localized(text: Localized, lang: Lang, shown: string): void;
}
let observer: TextObserver | null = null;
export function observeTexts(o: TextObserver | null): void {
  observer = o;
}

export function translator(lang: Lang): T {
  return (key, params) => {
    const found = message(lang, key);
    const text = format(found.text, params, found.lang);
    observer?.translated(found.lang, key, params, text);
    return text;
  };
}

const FIELD: Record<Lang, keyof Localized> = {
  ja: "ja",
  "ja-easy": "ja_easy",
  en: "en",
  vi: "vi",
  pt: "pt",
  zh: "zh",
};

/** The language a server text is actually shown in (the first with a non-empty text). */
export function localizedLang(text: Localized, lang: Lang): Lang {
  for (const l of [lang, ...FALLBACK[lang]]) {
    const value = text[FIELD[l]];
    if (typeof value === "string" && value.trim()) return l;
  }
  return "ja";
}

/** Picks the server's text for the language, falling back as t() does, finally to Japanese. */
export function localized(text: Localized, lang: Lang): string {
  const l = localizedLang(text, lang);
  const shown = (text[FIELD[l]] as string | undefined) || text.ja;
  observer?.localized(text, l, shown);
  return shown;
}

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(value);
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The languages this app offers (the kiosk six, the office two). */
  langs: readonly Lang[];
  t: T;
  /** Furigana over kanji (kiosk, Japanese only): on by default; a choice lasts for the visit. */
  furigana: boolean;
  setFurigana: (on: boolean) => void;
  /** Back to the app's first language with furigana by default: the next citizen starts afresh. */
  reset: () => void;
}

const I18nContext = createContext<I18n>({
  lang: "ja",
  setLang: () => {},
  langs: OFFICE_LANGS,
  t: translator("ja"),
  furigana: false,
  setFurigana: () => {},
  reset: () => {},
});

export function I18nProvider(props: {
  initial?: Lang;
  storageKey?: string;
  /** The languages offered; the staff and admin apps give OFFICE_LANGS (the default). */
  langs?: readonly Lang[];
  /** Furigana before anyone chooses (default: on for Japanese). */
  furigana?: boolean;
  children: ComponentChildren;
}) {
  const langs = props.langs ?? OFFICE_LANGS;
  const first = (): Lang => {
    const wanted = props.initial ?? stored(props.storageKey, langs) ?? "ja";
    return langs.includes(wanted) ? wanted : "ja";
  };
  const [lang, setLangState] = useState<Lang>(first);
  // null: the default for the language (on for Japanese), until the citizen chooses.
  const [furiganaChoice, setFuriganaChoice] = useState<boolean | null>(props.furigana ?? null);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    // lang says "ja" for やさしい日本語 too; this names the catalogue (styles and tests can tell).
    document.documentElement.dataset.kioskLang = lang;
    setApiLanguage(lang);
    if (props.storageKey) {
      try {
        localStorage.setItem(props.storageKey, lang);
      } catch {
        /* private mode: the choice simply isn't remembered */
      }
    }
  }, [lang, props.storageKey]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      langs,
      setLang: (l: Lang) => langs.includes(l) && setLangState(l),
      t: translator(lang),
      furigana: isJapanese(lang) && (furiganaChoice ?? true),
      setFurigana: (on: boolean) => setFuriganaChoice(on),
      reset: () => {
        setLangState(first());
        setFuriganaChoice(props.furigana ?? null);
      },
    }),
    [lang, langs, furiganaChoice],
  );
  return h(I18nContext.Provider, { value }, props.children);
}

export function isJapanese(lang: Lang): boolean {
  return lang === "ja" || lang === "ja-easy";
}

function stored(key: string | undefined, langs: readonly Lang[]): Lang | null {
  if (!key) return null;
  try {
    const v = localStorage.getItem(key) as Lang | null;
    return v && langs.includes(v) ? v : null;
  } catch {
    return null;
  }
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { KioskKey, MessageKey };
