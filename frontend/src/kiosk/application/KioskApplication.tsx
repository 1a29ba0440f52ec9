import { useEffect, useRef, useState } from "preact/hooks";
import { ApiProblem } from "../../lib/api";
import { applicationApi, type ApplicationView } from "../../lib/applications";
import { kioskContentUrl } from "../../lib/attachments";
import { flush, keep, pendingStore, type PendingAction, type PendingRow, type PendingStore } from "../../lib/applicationOutbox";
import { localized, useI18n } from "../../lib/i18n";
import { Button } from "../../ui/button/Button";
import { Notice } from "../../ui/notice/Notice";
import { kioskStep, shownValue, type KioskStep } from "./model";
import { Receipt } from "./Receipt";
import { SignatureScreen } from "./SignatureScreen";
import "./application.css";

/** Unsent answers are tried again this often while any are waiting (and at once when back online). */
const RETRY_MS = 3_000;

function send(visitId: string, action: PendingAction): Promise<ApplicationView> {
  switch (action.kind) {
    case "confirm":
      return applicationApi.confirm(visitId, action.section_id, action.content_hash);
    case "dispute":
      return applicationApi.dispute(visitId, action.section_id);
    case "consent":
      return applicationApi.consent(visitId, action.card_prefill);
    case "signature":
      return applicationApi.sign(visitId, action.signature);
    case "edit":
      throw new Error("the kiosk does not edit");
  }
}

/**
 * The application as the clerk fills it, during the call: read-only, very large print, one section
 * at a time, with one big "はい、このとおりです" and a "ちがう / Not right"; then the signature and
 * the receipt. `changed` is the visit as the signaling socket last announced it: every change to
 * the application announces the visit, so a new object means "read it again". After the call,
 * `receiptOnly` keeps just the receipt of a submitted application in sight.
 */
export function KioskApplication(props: { visitId: string; changed: unknown; receiptOnly?: boolean }) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [pending, setPending] = useState<PendingRow[]>([]);
  // Asked once per visit, even across a reload (a "no" is not stored by the server as an answer).
  const consentKey = `madoguchi:consent:${props.visitId}`;
  const [consentAnswered, setAnswered] = useState(() => remembered(consentKey));
  const setConsentAnswered = (yes: boolean) => {
    setAnswered(yes);
    remember(consentKey);
  };
  const [looking, setLooking] = useState<string | undefined>();
  const [resign, setResign] = useState(false);
  const [notice, setNotice] = useState<"changed" | "refused" | null>(null);
  const store = useRef<PendingStore | null>(null);
  const flushing = useRef<Promise<void> | null>(null);
  const live = useRef(true);
  const heading = useRef<HTMLHeadingElement>(null);

  async function load(): Promise<void> {
    try {
      const next = await applicationApi.show(props.visitId);
      if (live.current) setView(next);
    } catch (e) {
      // 404: the clerk has not opened an application (yet); the network: the next change reloads.
      if (e instanceof ApiProblem && e.status === 404 && live.current) setView(null);
    }
  }

  /** Sends what is waiting, oldest first; what cannot go now stays in IndexedDB for the next try. */
  function sendPending(): Promise<void> {
    flushing.current ??= (async () => {
      try {
        const s = (store.current ??= await pendingStore());
        const result = await flush(s, props.visitId, (a) => send(props.visitId, a));
        if (!live.current) return;
        if (result.view) setView(result.view);
        if (result.refused.length) {
          setNotice(result.refused.some((r) => r.problem.status === 409) ? "changed" : "refused");
          setResign(false);
          await load();
        }
        setPending(await s.list(props.visitId));
      } finally {
        flushing.current = null;
      }
    })();
    return flushing.current;
  }

  async function act(action: PendingAction): Promise<void> {
    const s = (store.current ??= await pendingStore());
    await keep(s, props.visitId, action);
    setPending(await s.list(props.visitId));
    setNotice(null);
    await flushing.current;
    await sendPending();
  }

  useEffect(() => {
    live.current = true;
    void (async () => {
      store.current = await pendingStore();
      if (!live.current) return;
      setPending(await store.current.list(props.visitId));
      await sendPending();
    })();
    const online = () => void sendPending();
    addEventListener("online", online);
    return () => {
      live.current = false;
      removeEventListener("online", online);
    };
  }, [props.visitId]);

  // Every announced change (and the socket's welcome after a reconnect): read again, send what waits.
  useEffect(() => {
    void load().then(sendPending);
  }, [props.changed]);

  useEffect(() => {
    if (!pending.length) return;
    const timer = setInterval(() => void sendPending(), RETRY_MS);
    return () => clearInterval(timer);
  }, [pending.length]);

  const step: KioskStep | null = view ? kioskStep(view, { pending, consentAnswered, looking, resign }) : null;
  const stepKey = step ? `${step.kind}:${step.kind === "section" ? step.section.id : ""}` : "";
  useEffect(() => {
    if (stepKey) heading.current?.focus();
  }, [stepKey]);

  if (!view || !step || (props.receiptOnly && step.kind !== "receipt")) return null;
  const label = (l: Parameters<typeof localized>[0]) => localized(l, lang);

  return (
    <section class="kiosk-app" aria-labelledby="kiosk-app-title">
      <p class="kiosk-app__form">{label(view.form.title)}</p>
      {notice === "changed" && <Notice kind="warning">{t("application.changed")}</Notice>}
      {notice === "refused" && <Notice kind="warning">{t("application.refused")}</Notice>}

      {step.kind === "consent" && (
        <>
          <h2 id="kiosk-app-title" class="kiosk-app__title" tabIndex={-1} ref={heading}>{t("application.consent.title")}</h2>
          <p class="kiosk-app__lead">{t("application.consent.lead")}</p>
          <div class="kiosk-app__actions">
            <Button wide onClick={() => {
              setConsentAnswered(true);
              void act({ kind: "consent", card_prefill: true });
            }}>
              {t("application.consent.yes")}
            </Button>
            <Button wide variant="secondary" onClick={() => {
              setConsentAnswered(true);
              void act({ kind: "consent", card_prefill: false });
            }}>
              {t("application.consent.no")}
            </Button>
          </div>
        </>
      )}

      {step.kind === "section" && (
        <>
          <p class="kiosk-app__progress">{t("application.progress", { index: step.index + 1, total: step.total })}</p>
          <h2 id="kiosk-app-title" class="kiosk-app__title" tabIndex={-1} ref={heading}>{label(step.section.title)}</h2>
          <p class="kiosk-app__lead">{t("application.lead")}</p>
          <dl class="kiosk-app__fields" data-testid="kiosk-section">
            {step.section.fields.map((f) => {
              const page = f.kind === "attachment" ? view.values[f.id] : undefined;
              if (page) {
                // The citizen sees the page itself, as it will be attached.
                return (
                  <div class="kiosk-app__field" key={f.id}>
                    <dt>{label(f.label)}</dt>
                    <dd data-field={f.id}>
                      <img class="kiosk-app__page" src={kioskContentUrl(props.visitId, page)} alt={t("application.documentPage")} />
                    </dd>
                  </div>
                );
              }
              const value = shownValue(f, view.values[f.id], lang, { yes: t("application.yes"), no: t("application.no"), label });
              return (
                <div class="kiosk-app__field" key={f.id}>
                  <dt>{label(f.label)}</dt>
                  <dd class={value ? "" : "kiosk-app__empty"} data-field={f.id}>{value || t("application.empty")}</dd>
                </div>
              );
            })}
          </dl>
          {step.sending && <Notice kind="info">{t("application.sending")}</Notice>}
          {step.state === "waiting" && <Notice kind="info">{t("application.waiting")}</Notice>}
          {step.state === "disputed" && <Notice kind="warning">{t("application.disputed")}</Notice>}
          {step.state === "confirmed" && <Notice kind="success">{t("application.confirmed")}</Notice>}
          <div class="kiosk-app__actions">
            {step.state === "open" && (
              <>
                <Button wide onClick={() => {
                  const hash = view.sections.find((s) => s.id === step.section.id)?.content_hash ?? "";
                  setLooking(undefined);
                  void act({ kind: "confirm", section_id: step.section.id, content_hash: hash });
                }}>
                  {t("application.confirm")}
                </Button>
                <Button wide variant="danger" onClick={() => void act({ kind: "dispute", section_id: step.section.id })}>
                  {t("application.dispute")}
                </Button>
              </>
            )}
            {step.state === "confirmed" && looking && (
              <Button wide onClick={() => setLooking(undefined)}>{t("application.next")}</Button>
            )}
            {step.index > 0 && (
              <Button wide variant="secondary" class="kiosk__back" onClick={() => setLooking(view.form.sections[step.index - 1]!.id)}>
                {t("common.back")}
              </Button>
            )}
          </div>
        </>
      )}

      {step.kind === "sign" && (
        <SignatureScreen
          headingRef={heading}
          onBack={() => setLooking(view.form.sections.at(-1)?.id)}
          onSign={(strokes, png) => {
            setResign(false);
            void act({ kind: "signature", signature: { content_hash: view.content_hash, strokes, png } });
          }}
        />
      )}

      {step.kind === "signed" && (
        <>
          <h2 id="kiosk-app-title" class="kiosk-app__title" tabIndex={-1} ref={heading}>{t("application.signed.title")}</h2>
          {step.sending ? <Notice kind="info">{t("application.sending")}</Notice> : <p class="kiosk-app__lead">{t("application.signed.lead")}</p>}
          <div class="kiosk-app__actions">
            <Button wide variant="secondary" onClick={() => setResign(true)}>{t("application.signed.again")}</Button>
          </div>
        </>
      )}

      {step.kind === "receipt" && <Receipt visitId={props.visitId} view={view} headingRef={heading} />}
    </section>
  );
}

function remembered(key: string): boolean {
  try {
    return sessionStorage.getItem(key) === "1";
  } catch {
    return false;
  }
}

function remember(key: string): void {
  try {
    sessionStorage.setItem(key, "1");
  } catch {
    /* private mode: the question may come once more after a reload */
  }
}
