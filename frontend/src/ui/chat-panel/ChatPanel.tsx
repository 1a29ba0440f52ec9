import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import type { PendingChat } from "../../lib/outbox";
import type { ChatLine } from "../../lib/protocol.gen";
import { Button } from "../button/Button";
import "../field/field.css";
import "./chat-panel.css";

const MAX_CHARS = 2000;

/**
 * Written messages both ways: the fallback when sound fails. The log is a live region; lines not
 * yet confirmed by the server are shown as "sending" (they are kept, and sent again, until then).
 */
export function ChatPanel(props: {
  id: string;
  me: "citizen" | "staff";
  lines: ChatLine[];
  pending: PendingChat[];
  onSend: (text: string) => Promise<unknown> | void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const log = useRef<HTMLDivElement>(null);
  const count = props.lines.length + props.pending.length;
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  const who = (sender: string) =>
    sender === props.me ? t("chat.you") : sender === "staff" ? t("chat.staff") : t("chat.citizen");
  const errorId = `${props.id}-error`;

  async function submit(e: Event) {
    e.preventDefault();
    const value = text.trim();
    if (!value || props.disabled) return;
    if (value.length > MAX_CHARS) {
      setError(t("chat.tooLong"));
      return;
    }
    setError("");
    setText("");
    await props.onSend(value);
  }

  return (
    <section class="chat" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="chat__title">{t("chat.title")}</h2>
      <div class="chat__log" ref={log} role="log" aria-live="polite" tabIndex={0} aria-labelledby={`${props.id}-title`}>
        <ol class="chat__lines">
        {count === 0 && <li class="chat__empty">{t("chat.empty")}</li>}
        {props.lines.map((l) => (
          <li key={l.id} class={`chat__line${l.sender === props.me ? " chat__line--mine" : ""}`}>
            <span class="chat__who">{who(l.sender)}</span>
            <span class="chat__text">{l.text}</span>
          </li>
        ))}
        {props.pending.map((p) => (
          <li key={p.client_id} class="chat__line chat__line--mine chat__line--pending">
            <span class="chat__who">{who(props.me)}</span>
            <span class="chat__text">{p.text}</span>
            <span class="chat__state">{t("chat.sending")}</span>
          </li>
        ))}
        </ol>
      </div>
      <form class="chat__form" onSubmit={submit} noValidate>
        <div class={`field chat__field${error ? " field--error" : ""}`}>
          <label class="field__label" for={props.id}>{t("chat.label")}</label>
          {error && <p class="field__error" id={errorId}>{error}</p>}
          <textarea
            id={props.id}
            class="field__input chat__input"
            rows={2}
            value={text}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? errorId : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.isComposing) void submit(e);
            }}
          />
        </div>
        <Button type="submit" disabled={props.disabled}>{t("chat.send")}</Button>
      </form>
    </section>
  );
}
