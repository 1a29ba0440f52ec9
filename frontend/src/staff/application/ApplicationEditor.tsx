import { Fragment } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { applicationApi, type ApplicationView } from "../../lib/applications";
import { flush, keep, pendingStore, type PendingStore } from "../../lib/applicationOutbox";
import { formatDateTime, localized, useI18n } from "../../lib/i18n";
import { ApiProblem } from "../../lib/api";
import { attachmentsApi, documentPages } from "../../lib/attachments";
import { describeProblem, NO_PROBLEM, type Described } from "../../lib/problems";
import type { AttachmentInfo, CardRead, FieldSpec } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { ErrorSummary } from "../../ui/error-summary/ErrorSummary";
import { Notice } from "../../ui/notice/Notice";
import { fieldError, fieldValue, hasPrefill, sectionBadge, settle, type Typed } from "./model";
import "./application.css";

/** Typing pauses this long before the values go to the server. */
const DEBOUNCE_MS = 400;
/** Unsent values are tried again this often while the server cannot be reached. */
const RETRY_MS = 3_000;

const openedKey = (visitId: string) => `madoguchi:application-open:${visitId}`;

function wasOpened(visitId: string): boolean {
  try {
    return localStorage.getItem(openedKey(visitId)) === "1";
  } catch {
    return false;
  }
}

/**
 * The clerk fills the citizen's application during the call. Every keystroke is kept (IndexedDB)
 * and sent after a short pause; the server keeps values as typed and says in plain words what is
 * wrong. The citizen's confirmations, "ちがう" and signature appear here live. `changed` is the
 * visit as the signaling socket last announced it: a new object means "read it again".
 */
export function ApplicationEditor(props: { visitId: string; changed: unknown }) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [typed, setTyped] = useState<Typed>({});
  const [problem, setProblem] = useState<Described>(NO_PROBLEM);
  const [busy, setBusy] = useState<"" | "open" | "prefill" | "submit">("");
  const [unsent, setUnsent] = useState(false);
  const [saving, setSaving] = useState(false);
  const [showMissing, setShowMissing] = useState(false);
  const [prefilled, setPrefilled] = useState(false);
  const [cards, setCards] = useState<CardRead[]>([]);
  const [postal, setPostal] = useState<Record<string, PostalHintState>>({});
  const [pages, setPages] = useState<AttachmentInfo[]>([]);
  const store = useRef<PendingStore | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sending = useRef<Promise<void> | null>(null);
  const live = useRef(true);
  const appId = view?.id;

  async function open(): Promise<ApplicationView | null> {
    try {
      const opened = await applicationApi.open(props.visitId);
      if (!live.current) return null;
      try {
        localStorage.setItem(openedKey(props.visitId), "1");
      } catch {
        /* not remembered: after a reload the clerk presses "open" again */
      }
      setView(opened);
      return opened;
    } catch (e) {
      if (live.current) setProblem(describeProblem(e, t));
      return null;
    }
  }

  /** Sends the typed values still waiting; what cannot go now stays for the next try. */
  function sendTyped(id: string): Promise<void> {
    sending.current ??= (async () => {
      setSaving(true);
      try {
        const s = (store.current ??= await pendingStore());
        const result = await flush(s, id, (a) => applicationApi.edit(id, a.kind === "edit" ? a.values : {}));
        if (!live.current) return;
        const latest = result.view;
        if (latest) {
          setView(latest);
          setTyped((prev) => settle(prev, latest));
        }
        if (result.refused.length) setProblem(describeProblem(result.refused[0]!.problem, t));
        setUnsent(result.waiting);
      } finally {
        sending.current = null;
        if (live.current) setSaving(false);
      }
    })();
    return sending.current;
  }

  function type(field: string, value: string) {
    if (!appId) return;
    setTyped((prev) => ({ ...prev, [field]: value }));
    void (async () => {
      const s = (store.current ??= await pendingStore());
      await keep(s, appId, { kind: "edit", values: { [field]: value } });
    })();
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void (sending.current ?? Promise.resolve()).then(() => sendTyped(appId));
    }, DEBOUNCE_MS);
  }

  /** A complete postal code looks up its address; an empty address field gets it at once. */
  async function lookUpPostal(spec: FieldSpec, value: string) {
    const target = spec.fills;
    if (!target) return;
    const digits = value.normalize("NFKC").replace(/\D/g, "");
    if (digits.length !== 7) return setPostal((p) => ({ ...p, [spec.id]: null }));
    try {
      const found = await applicationApi.postalAddress(digits);
      if (!live.current) return;
      const empty = !(view && fieldValue(view, typed, target).trim());
      if (empty) type(target, found.address);
      setPostal((p) => ({ ...p, [spec.id]: { address: found.address, target, filled: empty } }));
    } catch (e) {
      // Not in Japan Post's list: say so; offline: the clerk types the address as before.
      if (live.current && e instanceof ApiProblem && e.status === 404) setPostal((p) => ({ ...p, [spec.id]: "unknown" }));
    }
  }

  useEffect(() => {
    live.current = true;
    if (wasOpened(props.visitId)) void open();
    return () => {
      live.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [props.visitId]);

  // Typed before a reload or while offline: back on screen, and sent.
  useEffect(() => {
    if (!appId) return;
    void (async () => {
      const s = (store.current ??= await pendingStore());
      const rows = await s.list(appId);
      const waiting = rows.flatMap((r) => (r.action.kind === "edit" ? Object.entries(r.action.values) : []));
      if (waiting.length && live.current) {
        setTyped((prev) => ({ ...Object.fromEntries(waiting), ...prev }));
        await sendTyped(appId);
      }
    })();
    const online = () => void sendTyped(appId);
    addEventListener("online", online);
    return () => removeEventListener("online", online);
  }, [appId]);

  useEffect(() => {
    if (!unsent || !appId) return;
    const retry = setInterval(() => void sendTyped(appId), RETRY_MS);
    return () => clearInterval(retry);
  }, [unsent, appId]);

  /** The pages captured in this visit, for a form's document field (read again when it is opened). */
  function loadPages() {
    attachmentsApi.staffList(props.visitId).then(
      (all) => live.current && setPages(documentPages(all)),
      () => undefined, // offline: the list stays as it was
    );
  }

  // The citizen confirmed, said "ちがう", agreed, signed; a card was read: read it all again.
  useEffect(() => {
    if (!appId) return;
    void open();
    if (view?.form.sections.some((s) => s.fields.some((f) => f.kind === "attachment"))) loadPages();
    if (view && hasPrefill(view)) {
      applicationApi.cardReads(props.visitId).then(
        (reads) => live.current && setCards(reads),
        () => undefined,
      );
    }
  }, [props.changed, appId]);

  async function run(kind: typeof busy, action: () => Promise<void>) {
    if (busy) return;
    setBusy(kind);
    setProblem(NO_PROBLEM);
    try {
      await action();
    } catch (e) {
      setProblem(describeProblem(e, t));
    } finally {
      setBusy("");
    }
  }

  if (!view) {
    return (
      <section class="office-card staff-app" aria-labelledby="staff-app-title">
        <h2 id="staff-app-title">{t("staffApp.title")}</h2>
        <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
        <Button busy={busy === "open"} onClick={() => run("open", async () => void (await open()))}>
          {t("staffApp.open")}
        </Button>
      </section>
    );
  }

  const label = (l: FieldSpec["label"]) => localized(l, lang);
  const card = cards.find((c) => c.verified) ?? cards[0];
  const draft = view.status === "draft";

  return (
    <section class="office-card staff-app" aria-labelledby="staff-app-title">
      <h2 id="staff-app-title">{t("staffApp.title")}：{label(view.form.title)}</h2>
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      <p class="staff-app__save" role="status">
        {unsent ? t("staffApp.unsaved") : saving ? t("staffApp.saving") : t("staffApp.saved")}
      </p>

      {draft && hasPrefill(view) && (
        <div class="staff-app__prefill">
          <Button
            variant="secondary"
            disabled={!view.card_prefill_consent || !card}
            busy={busy === "prefill"}
            onClick={() =>
              run("prefill", async () => {
                const next = await applicationApi.prefill(view.id, card!.id);
                setView(next);
                setTyped((prev) => settle(prev, next));
                setPrefilled(true);
              })
            }
          >
            {t("staffApp.prefill")}
          </Button>
          {!view.card_prefill_consent ? (
            <p>{t("staffApp.prefillNoConsent")}</p>
          ) : !card ? (
            <p>{t("staffApp.prefillNoCard")}</p>
          ) : prefilled ? (
            <p role="status">{t("staffApp.prefillDone")}</p>
          ) : null}
        </div>
      )}

      {view.form.sections.map((section) => {
        const badge = sectionBadge(view, section);
        return (
          <section
            key={section.id}
            class={`staff-app__section staff-app__section--${badge}`}
            aria-labelledby={`app-section-${section.id}`}
            data-testid={`section-${section.id}`}
          >
            <div class="staff-app__section-head">
              <h3 id={`app-section-${section.id}`}>{label(section.title)}</h3>
              {badge === "confirmed" && <span class="staff-app__badge staff-app__badge--confirmed">{t("staffApp.sectionConfirmed")}</span>}
              {badge === "open" && <span class="staff-app__badge">{t("staffApp.sectionOpen")}</span>}
            </div>
            {badge === "disputed" && (
              <p class="staff-app__disputed" role="alert">
                {t("staffApp.sectionDisputed")}
              </p>
            )}
            {section.fields.map((f) => (
              <Fragment key={f.id}>
                <Field
                  pages={pages}
                  onPagesWanted={loadPages}
                  spec={f}
                  value={fieldValue(view, typed, f.id)}
                  error={fieldError(view, typed, f.id, showMissing)}
                  fromCard={view.prefilled.includes(f.id) && !(f.id in typed)}
                  disabled={!draft}
                  onValue={(v) => {
                    type(f.id, v);
                    if (f.kind === "postal_code") void lookUpPostal(f, v);
                  }}
                />
                {draft && postal[f.id] && <PostalHint state={postal[f.id]!} onUse={(target, address) => type(target, address)} />}
              </Fragment>
            ))}
          </section>
        );
      })}

      <div class="staff-app__signature">
        <h3>{t("staffApp.signature")}</h3>
        <p data-testid="signature-state">
          {!view.signature.signed
            ? t("staffApp.signatureNone")
            : view.signature.valid
              ? t("staffApp.signatureValid", { time: formatDateTime(view.signature.signed_at, lang) })
              : t("staffApp.signatureVoid")}
        </p>
      </div>

      {draft ? (
        <div class="office-actions">
          <Button
            busy={busy === "submit"}
            aria-describedby={view.ready_to_submit ? undefined : "staff-app-not-ready"}
            onClick={() => {
              setShowMissing(true);
              if (!view.ready_to_submit) return;
              void run("submit", async () => {
                await sending.current;
                setView(await applicationApi.submit(view.id));
              });
            }}
          >
            {t("staffApp.submit")}
          </Button>
          {!view.ready_to_submit && <p id="staff-app-not-ready">{t("staffApp.notReady")}</p>}
        </div>
      ) : (
        <>
          <Notice kind="success">{t("staffApp.submitted", { receipt: view.receipt_number ?? "" })}</Notice>
          <p>{t("staffApp.statusLine", { status: t(`review.status.${view.status}`) })}</p>
          <p>
            <a class="button button--secondary" href={applicationApi.staffReceiptUrl(view.id)} target="_blank" rel="noopener">
              {t("staffApp.receiptPdf")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function Field(props: {
  pages: AttachmentInfo[];
  onPagesWanted: () => void;
  spec: FieldSpec;
  value: string;
  error?: string;
  fromCard: boolean;
  disabled: boolean;
  onValue: (value: string) => void;
}) {
  const { t, lang } = useI18n();
  const { spec } = props;
  const id = `app-${spec.id}`;
  const hint = localized(spec.help, lang);
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const labelText = (
    <>
      {localized(spec.label, lang)}
      {spec.required === false && <span class="staff-app__optional">（{t("common.optional")}）</span>}
      {props.fromCard && <span class="office-tag staff-app__tag">{t("staffApp.fromCard")}</span>}
    </>
  );
  const common = {
    id,
    disabled: props.disabled,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": describedBy,
  };
  const messages = (
    <>
      <p class="field__hint" id={`${id}-hint`}>{hint}</p>
      {props.error && <p class="field__error" id={`${id}-error`}>{props.error}</p>}
    </>
  );

  if (spec.kind === "attachment") {
    // A page captured with the document camera during this call (see staff/documents).
    return (
      <div class={`field${props.error ? " field--error" : ""}`}>
        <label class="field__label" for={id}>{labelText}</label>
        {messages}
        {props.pages.length === 0 && <p class="field__hint">{t("staffApp.attachment")}</p>}
        <select
          {...common}
          class="field__input"
          value={props.value}
          onFocus={props.onPagesWanted}
          onChange={(e) => props.onValue(e.currentTarget.value)}
        >
          <option value="">{t("staffApp.attachmentNone")}</option>
          {props.pages.map((page, i) => (
            <option key={page.id} value={page.id}>
              {t("staffApp.attachmentPage", { n: i + 1, time: formatDateTime(page.created_at, lang) })}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (spec.kind === "yes_no") {
    return (
      <fieldset class={`field${props.error ? " field--error" : ""}`} aria-describedby={describedBy}>
        <legend class="field__label">{labelText}</legend>
        {messages}
        <div class="choices staff-app__inline">
          {(["yes", "no"] as const).map((v) => (
            <label class="choice" key={v}>
              <input type="radio" name={id} value={v} checked={props.value === v} disabled={props.disabled} onChange={() => props.onValue(v)} />
              {t(v === "yes" ? "staffApp.yes" : "staffApp.no")}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label class="field__label" for={id}>{labelText}</label>
      {messages}
      {spec.kind === "choice" ? (
        <select {...common} class="field__input" value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
          <option value="">{t("staffApp.choose")}</option>
          {spec.choices?.map((c) => (
            <option key={c.value} value={c.value}>{localized(c.label, lang)}</option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          class="field__input"
          value={props.value}
          autoComplete="off"
          inputMode={spec.kind === "number" || spec.kind === "postal_code" ? "numeric" : spec.kind === "phone" ? "tel" : undefined}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
    </div>
  );
}

type PostalHintState = { address: string; target: string; filled: boolean } | "unknown" | null;

/** What the postal code said: put into the address already, offered, or not found. */
function PostalHint(props: { state: NonNullable<PostalHintState>; onUse: (target: string, address: string) => void }) {
  const { t } = useI18n();
  const { state } = props;
  if (state === "unknown") return <p class="staff-app__postal" role="status">{t("staffApp.postalUnknown")}</p>;
  if (state.filled) return <p class="staff-app__postal" role="status">{t("staffApp.postalFilled", { address: state.address })}</p>;
  return (
    <div class="office-row staff-app__postal">
      <p role="status">{t("staffApp.postalFound", { address: state.address })}</p>
      <Button variant="secondary" onClick={() => props.onUse(state.target, state.address)}>
        {t("staffApp.postalUse")}
      </Button>
    </div>
  );
}
