/**
 * Reading the screen aloud with the Web Speech API (speechSynthesis): which text, which voice.
 */
import type { Lang } from "../../lib/i18n";

/** The voice language asked for (SpeechSynthesisUtterance.lang). */
export const SPEECH_LANG: Record<Lang, string> = {
  ja: "ja-JP",
  "ja-easy": "ja-JP",
  en: "en-US",
  vi: "vi-VN",
  pt: "pt-BR",
  zh: "zh-CN",
};

const norm = (tag: string) => tag.replace("_", "-").toLowerCase();

/**
 * The best voice on this device for the language: the exact region first (pt-BR before pt-PT),
 * then any voice of the language, a local one before a network one. None: null.
 */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: Lang): SpeechSynthesisVoice | null {
  const want = norm(SPEECH_LANG[lang]);
  const base = want.split("-")[0]!;
  const score = (v: SpeechSynthesisVoice) => {
    const tag = norm(v.lang);
    if (tag !== want && tag.split("-")[0] !== base) return -1;
    return (tag === want ? 2 : 0) + (v.localService ? 1 : 0);
  };
  let best: SpeechSynthesisVoice | null = null;
  for (const v of voices) if (score(v) >= 0 && (!best || score(v) > score(best))) best = v;
  return best;
}

/**
 * Left out: what a screen reader skips (aria-hidden, hidden, closed dialogs, form fields' values),
 * and words marked as another language (the other languages' names on the language buttons),
 * which this language's voice would only garble.
 */
function skipped(el: Element): boolean {
  if (el.getAttribute("aria-hidden") === "true" || el.hasAttribute("hidden") || el.hasAttribute("data-no-read")) return true;
  const lang = el.getAttribute("lang");
  if (lang && lang.split("-")[0] !== el.ownerDocument.documentElement.lang.split("-")[0]) return true;
  if (["RT", "RP", "SCRIPT", "STYLE", "TEMPLATE", "TEXTAREA", "SELECT", "VIDEO", "AUDIO", "SVG", "svg"].includes(el.tagName)) return true;
  if (el instanceof HTMLDialogElement && !el.open) return true;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return style?.display === "none" || style?.visibility === "hidden";
}

const BLOCK = /^(block|flex|grid|list-item|table|table-row|flow-root)$/;

/**
 * The text of an area (the heading and main content), a line per block, each word once: the
 * furigana readings are not text (see ui/ruby), and hidden or aria-hidden parts are left out, so
 * a status shown both ways (a dot for the eye, words for the ear) is said once.
 */
export function readableText(root: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue ?? "");
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (skipped(el)) return;
    const display = el.ownerDocument.defaultView?.getComputedStyle(el).display ?? "block";
    const block = BLOCK.test(display) || el.tagName === "BR";
    if (block) parts.push("\n");
    el.childNodes.forEach(visit);
    if (block) parts.push("\n");
  };
  visit(root);
  return parts
    .join("")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
