/**
 * i18n: typed message catalogues per language (ja.ts is the reference, en.ts must match it) and
 * a tiny Preact context. No library: ~150 strings, two languages, compile-time key checking.
 */
import { createContext, h, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import { ja, type MessageKey } from "./ja";
import { en } from "./en";
import type { Localized } from "../protocol.gen";
import { setApiLanguage } from "../api";

export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];
/** Each language's name in that language: the switch shows these, never flags. */
export const LANG_NAMES: Record<Lang, string> = { ja: "日本語", en: "English" };

export const catalogues: Record<Lang, Record<MessageKey, string>> = { ja, en };

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

/** Fills {placeholders}; a missing parameter stays visible so the mistake is noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(lang: Lang): T {
  const messages = catalogues[lang];
  return (key, params) => format(messages[key] ?? ja[key] ?? key, params);
}

/** Picks the catalogue text for the language, falling back to Japanese. */
export function localized(text: Localized, lang: Lang): string {
  return text[lang] || text.ja;
}

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: T;
}

const I18nContext = createContext<I18n>({ lang: "ja", setLang: () => {}, t: translator("ja") });

export function I18nProvider(props: {
  initial?: Lang;
  storageKey?: string;
  children: ComponentChildren;
}) {
  const [lang, setLang] = useState<Lang>(() => props.initial ?? stored(props.storageKey) ?? "ja");
  useEffect(() => {
    document.documentElement.lang = lang;
    setApiLanguage(lang);
    if (props.storageKey) {
      try {
        localStorage.setItem(props.storageKey, lang);
      } catch {
        /* private mode: the choice simply isn't remembered */
      }
    }
  }, [lang, props.storageKey]);
  const value = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang]);
  return h(I18nContext.Provider, { value }, props.children);
}

function stored(key?: string): Lang | null {
  if (!key) return null;
  try {
    const v = localStorage.getItem(key);
    return v === "ja" || v === "en" ? v : null;
  } catch {
    return null;
  }
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
