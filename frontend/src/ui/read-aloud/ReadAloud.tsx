import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import { pickVoice, readableText, SPEECH_LANG } from "./speech";
import "./read-aloud.css";

type State = "idle" | "speaking" | "noVoice";

function synth(): SpeechSynthesis | null {
  return typeof speechSynthesis === "undefined" ? null : speechSynthesis;
}

/**
 * "読み上げ / Read aloud": reads the screen's heading and main content in the chosen language's
 * voice; pressing again stops. A device without a voice for the language says so on screen
 * (in a live region) instead of staying silent.
 */
export function ReadAloud(props: { area?: () => Element | null; /** The screen's title: a new screen stops the reading. */ screen?: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>("idle");
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synth()?.getVoices() ?? []);

  useEffect(() => {
    const s = synth();
    if (!s) return;
    // Voices arrive asynchronously in some browsers; asking once starts the loading.
    const update = () => setVoices(s.getVoices());
    s.addEventListener?.("voiceschanged", update);
    update();
    return () => s.removeEventListener?.("voiceschanged", update);
  }, []);

  // A new language, or another screen, ends what was being read.
  useEffect(() => {
    setState("idle");
    return () => synth()?.cancel();
  }, [lang, props.screen]);

  function press() {
    const s = synth();
    if (state === "speaking") {
      s?.cancel();
      setState("idle");
      return;
    }
    const voice = s ? pickVoice(s.getVoices().length ? s.getVoices() : voices, lang) : null;
    const area = props.area?.() ?? document.querySelector("main");
    if (!s || !voice || !area) {
      setState("noVoice");
      return;
    }
    s.cancel();
    const utterance = new SpeechSynthesisUtterance(readableText(area));
    utterance.lang = SPEECH_LANG[lang];
    utterance.voice = voice;
    utterance.rate = 0.9; // a little slower than usual, for older listeners
    utterance.onend = () => setState((now) => (now === "speaking" ? "idle" : now));
    utterance.onerror = () => setState((now) => (now === "speaking" ? "idle" : now));
    setState("speaking");
    s.speak(utterance);
  }

  return (
    <div class="read-aloud">
      <button type="button" class="tool-button read-aloud__button" aria-pressed={state === "speaking" ? "true" : "false"} onClick={press}>
        <svg class="read-aloud__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <path d="M6 18h8l12-10v32L14 30H6z" fill="currentColor" />
          <path d="M32 16c4 4 4 12 0 16M37 11c7 7 7 19 0 26" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
        </svg>
        <span>{state === "speaking" ? t("kiosk.readAloud.stop") : t("kiosk.readAloud.start")}</span>
      </button>
      <p class="read-aloud__message" role="status" data-testid="read-aloud-message">
        {state === "noVoice" ? t("kiosk.readAloud.noVoice") : ""}
      </p>
    </div>
  );
}
