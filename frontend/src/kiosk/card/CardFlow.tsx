import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { request } from "../../lib/api";
import { BridgeError, sharedBridge, type BridgeClient } from "../../lib/bridge/client";
import { bridgeErrorKey, bridgeStateKey } from "../../lib/bridge/errors";
import type { CardReadAnswer } from "../../lib/bridge/types";
import { useI18n, type Lang } from "../../lib/i18n";
import type { MessageKey } from "../../lib/i18n/ja";
import type { CardRead, CardReadCreate } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { HelpButton } from "../../ui/help-button/HelpButton";
import { useHelp } from "../help/help";
import { Keypad } from "../../ui/keypad/Keypad";
import { KioskTools } from "../../ui/kiosk-tools/KioskTools";
import { Notice } from "../../ui/notice/Notice";
import { useBridgeState } from "../setup/Setup";
import "./card.css";

const PIN_LENGTH = 4;

type Step =
  | { name: "place"; note?: MessageKey; checking?: boolean }
  | { name: "pin"; reader: string; tries: number | null; allowLastTry: boolean; wrong?: boolean; note?: MessageKey }
  | { name: "lastTry"; reader: string; wrong: boolean }
  | { name: "locked" }
  | { name: "reading" }
  | { name: "result"; read: CardRead }
  | { name: "sendFailed"; body: CardReadCreate };

/** The EF records the backend checks, by the names the bridge gives them (base64 as read). */
export function cardReadBody(answer: CardReadAnswer, collectsMyNumber: boolean): CardReadCreate {
  const file = (name: string) => answer.files.find((f) => f.name === name)?.data;
  const basic_info = file("basic_info");
  const signature = file("signature");
  const certificate = file("certificate");
  if (!basic_info || !signature || !certificate) throw new BridgeError({ code: "card_error" });
  const body: CardReadCreate = { basic_info, signature, certificate };
  const myNumber = collectsMyNumber ? file("my_number") : undefined;
  if (myNumber) body.my_number = myNumber;
  return body;
}

export function formatBirthDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP-u-ca-japanese" : "en-GB", {
    era: lang === "ja" ? "long" : undefined,
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d))) + (lang === "ja" ? `（${y}年）` : "");
}

/**
 * The citizen's My Number Card check during a visit, one decision per screen: place the card,
 * enter the PIN (tries left shown; a warning before the last try; locked explained), reading,
 * then what the card says, marked confirmed only when the server checked the J-LIS signature.
 * The PIN lives in a ref, goes to the bridge only, and is wiped right after; the My Number is
 * never shown and is sent only when the service has a legal basis for it.
 */
export function CardFlow(props: { visitId: string; collectsMyNumber: boolean; onClose: () => void; bridge?: BridgeClient }) {
  const { t, lang } = useI18n();
  const help = useHelp();
  const bridge = props.bridge ?? sharedBridge();
  const state = useBridgeState(bridge);
  const [step, setStep] = useState<Step>({ name: "place" });
  const stepRef = useRef(step);
  stepRef.current = step;
  const pin = useRef("");
  const [pinLength, setPinLength] = useState(0);
  const [pinError, setPinError] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const clearPin = () => {
    pin.current = "";
    setPinLength(0);
  };
  useEffect(() => clearPin, []);

  useEffect(() => {
    heading.current?.focus();
  }, [step.name, (step as { note?: string }).note, (step as { wrong?: boolean }).wrong]);

  async function checkCard(reader: string) {
    setStep({ name: "place", checking: true });
    try {
      const status = await bridge.getPinStatus(reader);
      if (status.state === "locked") setStep({ name: "locked" });
      else if (status.state === "last_try") setStep({ name: "lastTry", reader, wrong: false });
      else setStep({ name: "pin", reader, tries: status.tries_left, allowLastTry: false });
    } catch (e) {
      setStep({ name: "place", note: placeNote(e) });
    }
  }

  // A card already on the reader, or one put there now, moves on; one taken away goes back.
  useEffect(() => {
    if (state.kind !== "ready") return;
    const devices = state.devices;
    if (devices === null) {
      void bridge.listDevices().catch(() => undefined);
      return;
    }
    const s = stepRef.current;
    if (s.name === "place" && !s.checking && !s.note) {
      const withCard = devices.readers.find((r) => r.card_present);
      if (withCard) void checkCard(withCard.name);
    }
  }, [state.kind, state.kind === "ready" ? state.devices : null]);

  useEffect(
    () =>
      bridge.onEvent((e) => {
        if (e.type !== "reader_event" || !e.reader) return;
        const s = stepRef.current;
        if (e.event === "card_inserted" && s.name === "place" && !s.checking) void checkCard(e.reader);
        if (e.event === "card_removed" && (s.name === "pin" || s.name === "lastTry") && s.reader === e.reader) {
          // The bridge resets the card after each request, which a reader may report as a blink
          // out and back: ask again before throwing away what the citizen has typed.
          const reader = e.reader;
          void bridge.listDevices().then(
            (d) => d.readers.some((r) => r.name === reader && r.card_present),
            () => false,
          ).then((stillThere) => {
            if (stillThere || stepRef.current !== s) return;
            clearPin();
            setStep({ name: "place", note: "card.removed" });
          });
        }
      }),
    [bridge],
  );

  async function send(body: CardReadCreate) {
    setStep({ name: "reading" });
    try {
      const read = await request<CardRead>("POST", `/api/visits/${encodeURIComponent(props.visitId)}/card-reads`, body);
      setStep({ name: "result", read });
    } catch {
      setStep({ name: "sendFailed", body });
    }
  }

  async function submitPin(s: Extract<Step, { name: "pin" }>) {
    if (pin.current.length !== PIN_LENGTH) {
      setPinError(true);
      return;
    }
    setPinError(false);
    const entered = pin.current;
    clearPin();
    setStep({ name: "reading" });
    let answer: CardReadAnswer | null = null;
    try {
      answer = await bridge.readCard({
        reader: s.reader,
        pin: entered,
        legalBasisForMyNumber: props.collectsMyNumber,
        allowLastTry: s.allowLastTry,
      });
    } catch (e) {
      const err = e instanceof BridgeError ? e : new BridgeError({ code: "not_running" });
      if (err.code === "pin_locked") setStep({ name: "locked" });
      else if (err.code === "pin_last_try" || (err.code === "pin_wrong" && err.pinState === "last_try"))
        setStep({ name: "lastTry", reader: s.reader, wrong: err.code === "pin_wrong" });
      else if (err.code === "pin_wrong") setStep({ name: "pin", reader: s.reader, tries: err.triesLeft, allowLastTry: false, wrong: true });
      else if (err.code === "pin_format") setStep({ ...s, note: "bridge.error.pinFormat" });
      else setStep({ name: "place", note: placeNote(err) });
      return;
    }
    let body: CardReadCreate;
    try {
      body = cardReadBody(answer, props.collectsMyNumber);
    } catch (e) {
      setStep({ name: "place", note: placeNote(e) });
      return;
    } finally {
      answer = null; // the person and the My Number are not kept on the page
    }
    await send(body);
  }

  const title = (key: MessageKey) => (
    <h2 class="card-flow__title" tabIndex={-1} ref={heading}>
      {t(key)}
    </h2>
  );
  // No bridge, no pairing, another version: nothing the citizen can do but tell the staff.
  const unavailable = state.kind !== "ready" && state.kind !== "connecting" && step.name === "place" ? bridgeStateKey(state) : null;

  let body: ComponentChildren;
  switch (step.name) {
    case "place":
      body = unavailable ? (
        <>
          {title("card.unavailableTitle")}
          <Notice kind="warning">{t(unavailable)}</Notice>
          <p class="card-flow__lead">{t("card.tellStaff")}</p>
          <Button wide onClick={props.onClose}>
            {t("card.back")}
          </Button>
        </>
      ) : (
        <>
          {title("card.place.title")}
          {step.note && <Notice kind="warning">{t(step.note)}</Notice>}
          <CardPicture />
          <p class="card-flow__lead">{t("card.place.lead")}</p>
          <p class="card-flow__status" role="status" data-testid="card-waiting">
            {step.checking ? t("card.pin.checking") : t("card.place.waiting")}
          </p>
          {step.note && (
            <Button variant="secondary" onClick={() => setStep({ name: "place" })}>
              {t("card.retry")}
            </Button>
          )}
        </>
      );
      break;
    case "pin":
      body = (
        <>
          {title("card.pin.title")}
          {step.wrong && step.tries !== null ? (
            <Notice kind="warning">{t("card.pin.wrong", { tries: step.tries })}</Notice>
          ) : (
            step.note && <Notice kind="warning">{t(step.note)}</Notice>
          )}
          <p class="card-flow__lead">{t("card.pin.lead")}</p>
          {!step.wrong && step.tries !== null && <p class="card-flow__tries" data-testid="pin-tries">{t("card.pin.tries", { tries: step.tries })}</p>}
          <form
            class="card-flow__pin"
            onSubmit={(e) => {
              e.preventDefault();
              void submitPin(step);
            }}
            noValidate
          >
            <div>
              <p class="card-flow__label" id="pin-label">
                {t("card.pin.label")}
              </p>
              <div class="pin" id="pin-entry" role="group" aria-labelledby="pin-label" aria-describedby="pin-count">
                {Array.from({ length: PIN_LENGTH }, (_, i) => (
                  <span class={`pin__box${i < pinLength ? " pin__box--filled" : ""}`} key={i} aria-hidden="true">
                    {i < pinLength ? "●" : ""}
                  </span>
                ))}
              </div>
              <p class="card-flow__count" id="pin-count" role="status">
                {pinError ? t("card.pin.empty") : t("card.pin.entered", { count: pinLength })}
              </p>
              <Button type="submit" wide>
                {t("card.pin.submit")}
              </Button>
            </div>
            <Keypad
              target="pin-entry"
              onDigit={(d) => {
                if (pin.current.length < PIN_LENGTH) pin.current += d;
                setPinLength(pin.current.length);
                setPinError(false);
              }}
              onDelete={() => {
                pin.current = pin.current.slice(0, -1);
                setPinLength(pin.current.length);
              }}
            />
          </form>
        </>
      );
      break;
    case "lastTry":
      body = (
        <>
          {title("card.lastTry.title")}
          {step.wrong && <Notice kind="warning">{t("bridge.error.pinWrong")}</Notice>}
          <div class="card-flow__warning" data-testid="last-try-warning">
            <p>{t("card.lastTry.lead")}</p>
            <p>
              <strong>{t("card.lastTry.ask")}</strong>
            </p>
          </div>
          <div class="card-flow__choices">
            <Button wide onClick={props.onClose}>
              {t("card.lastTry.askStaff")}
            </Button>
            <Button wide variant="secondary" onClick={() => setStep({ name: "pin", reader: step.reader, tries: 1, allowLastTry: true })}>
              {t("card.lastTry.tryAnyway")}
            </Button>
          </div>
        </>
      );
      break;
    case "locked":
      body = (
        <>
          {title("card.locked.title")}
          <div class="card-flow__warning" data-testid="pin-locked">
            <p>
              <strong>{t("card.locked.lead")}</strong>
            </p>
            <p>{t("card.locked.more")}</p>
          </div>
          <Button wide onClick={props.onClose}>
            {t("card.lastTry.askStaff")}
          </Button>
        </>
      );
      break;
    case "reading":
      body = (
        <>
          {title("card.reading.title")}
          <p class="card-flow__lead" role="status">
            {t("card.reading.lead")}
          </p>
        </>
      );
      break;
    case "result": {
      const h = step.read.holder;
      body = (
        <>
          <div class="card-flow__result-head">
            {title("card.result.title")}
            {step.read.verified && (
              <p class="card-flow__verified" data-testid="card-verified">
                <span aria-hidden="true">✓ </span>
                {t("card.result.verified")}
              </p>
            )}
          </div>
          {!step.read.verified && <Notice kind="info">{t("card.result.unverified")}</Notice>}
          <dl class="card-flow__person" data-testid="card-person">
            <div>
              <dt>{t("card.result.name")}</dt>
              <dd>{h.name}</dd>
            </div>
            <div>
              <dt>{t("card.result.address")}</dt>
              <dd>{h.address}</dd>
            </div>
            <div>
              <dt>{t("card.result.birthDate")}</dt>
              <dd>{formatBirthDate(h.birth_date, lang)}</dd>
            </div>
          </dl>
          <p class="card-flow__lead">{t("card.result.takeCard")}</p>
          <Button wide onClick={props.onClose}>
            {t("card.result.done")}
          </Button>
        </>
      );
      break;
    }
    case "sendFailed":
      body = (
        <>
          {title("card.result.title")}
          <Notice kind="warning">{t("card.sendFailed")}</Notice>
          <Button wide onClick={() => void send(step.body)}>
            {t("card.sendAgain")}
          </Button>
        </>
      );
      break;
  }

  return (
    <div class="card-flow">
      <div class="kiosk__top">
        <KioskTools screen={step.name} area={() => document.querySelector(".card-flow__body")} />
        <HelpButton status={help.status} onHelp={() => void help.ask()} />
      </div>
      <div class="card-flow__body">
        {body}
        {step.name !== "result" && step.name !== "locked" && (
          <p class="card-flow__camera" data-testid="card-back-warning">
            {t("card.backWarning")}
          </p>
        )}
        {/* Back below the step, as on every kiosk screen: the top bar stays one row, so the
            step's own button (e.g. 読み取る) is on screen without scrolling. */}
        <Button wide variant="secondary" class="kiosk__back card-flow__close" onClick={props.onClose}>
          {step.name === "result" ? t("card.result.done") : t("card.back")}
        </Button>
      </div>
    </div>
  );
}

function placeNote(e: unknown): MessageKey {
  const key = bridgeErrorKey(e);
  if (key === "bridge.error.notMyNumberCard") return "card.notMyNumber";
  return key === "bridge.error.cardRemoved" ? "card.removed" : key;
}

/** A card resting on a reader, drawn plainly (no photo of a real card). */
function CardPicture() {
  return (
    <svg class="card-flow__picture" viewBox="0 0 240 140" aria-hidden="true" focusable="false">
      <rect x="20" y="96" width="200" height="36" rx="8" fill="currentColor" opacity="0.25" />
      <rect x="50" y="14" width="140" height="90" rx="10" fill="#fff" stroke="currentColor" stroke-width="5" />
      <circle cx="85" cy="52" r="16" fill="none" stroke="currentColor" stroke-width="4" />
      <path d="M112 44h56M112 60h44M64 84h104" stroke="currentColor" stroke-width="5" stroke-linecap="round" />
    </svg>
  );
}
