import { useEffect, useRef, useState } from "preact/hooks";
import { ApiProblem } from "../../lib/api";
import { attachmentsApi, uploadAttachment, UPLOAD_TYPES, type UploadKind } from "../../lib/attachments";
import { useI18n } from "../../lib/i18n";
import type { AttachmentInfo, Retention, Visit } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { useTerminalKind } from "./service";
import { asJpeg } from "./still";
import "./capture.css";

type Step =
  | { name: "consent" }
  | { name: "choose"; problem?: "wrongType" }
  | { name: "sending"; percent: number }
  | { name: "failed"; file: Blob; kind: UploadKind; tooLarge: boolean }
  | { name: "sent"; item: AttachmentInfo };

/**
 * Home tablet: the citizen may show the counter a photo or a short video (e.g. of their child for
 * a child-rearing consultation). First a consent screen in plain words (what is kept, for how
 * long, who sees it), then the tablet's own picker or camera, then the upload with progress.
 * Opens as a full-screen dialog over the visit so a call underneath keeps running.
 */
export function HomeShare(props: { visit: Visit }) {
  const { t } = useI18n();
  const kind = useTerminalKind();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  if (kind !== "home_tablet") return null;
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <div class="home-share">
      <button type="button" class="button button--secondary button--wide" ref={opener} onClick={() => setOpen(true)}>
        {t("kiosk.home.open")}
      </button>
      <dialog
        ref={dialog}
        class="card-dialog home-share__dialog"
        aria-labelledby="home-share-title"
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
      >
        {open && <ShareSteps visitId={props.visit.id} onClose={close} />}
      </dialog>
    </div>
  );
}

function ShareSteps(props: { visitId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [step, setStep] = useState<Step>({ name: "consent" });
  const [retention, setRetention] = useState<Retention | null>(null);
  const [retentionFailed, setRetentionFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  function loadRetention() {
    setRetentionFailed(false);
    attachmentsApi.retention(props.visitId).then(setRetention, () => setRetentionFailed(true));
  }
  useEffect(loadRetention, [props.visitId]);
  useEffect(() => heading.current?.focus(), [step.name]);

  async function send(file: Blob, kind: UploadKind) {
    setStep({ name: "sending", percent: 0 });
    try {
      const [item] = await uploadAttachment(props.visitId, kind, file, {
        consent: true,
        onProgress: (f) => setStep({ name: "sending", percent: Math.round(f * 100) }),
      });
      setStep({ name: "sent", item: item! });
    } catch (e) {
      setStep({ name: "failed", file, kind, tooLarge: e instanceof ApiProblem && e.status === 413 });
    }
  }

  async function chosen(file: File | undefined) {
    if (!file) return;
    const kind: UploadKind | null = file.type.startsWith("video/") ? "video" : file.type.startsWith("image/") ? "photo" : null;
    if (kind === "video" && !UPLOAD_TYPES.video.includes(file.type)) return setStep({ name: "choose", problem: "wrongType" });
    if (kind === null) return setStep({ name: "choose", problem: "wrongType" });
    let body: Blob = file;
    if (kind === "photo" && !UPLOAD_TYPES.photo.includes(file.type)) {
      try {
        body = await asJpeg(file); // e.g. HEIC or WebP from a phone camera
      } catch {
        return setStep({ name: "choose", problem: "wrongType" });
      }
    }
    await send(body, kind);
  }

  const title =
    step.name === "consent"
      ? t("kiosk.home.consentTitle")
      : step.name === "choose"
        ? t("kiosk.home.chooseTitle")
        : step.name === "sending"
          ? t("kiosk.home.sendingTitle")
          : step.name === "failed"
            ? t("kiosk.home.failedTitle")
            : t("kiosk.home.sentTitle");

  return (
    <div class="home-share__body">
      <h1 id="home-share-title" class="kiosk__title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {step.name === "consent" && (
        <>
          {retention ? (
            <ul class="home-share__facts" data-testid="consent-facts">
              <li>{t("kiosk.home.consentWhat")}</li>
              <li>{t("kiosk.home.consentHowLong", { days: retention.media_days })}</li>
              <li>{t("kiosk.home.consentWho")}</li>
              <li>{t("kiosk.home.consentNo")}</li>
            </ul>
          ) : retentionFailed ? (
            <div class="capture__failed" role="alert">
              <p>{t("kiosk.home.retentionFailed")}</p>
              <Button wide onClick={loadRetention}>
                {t("common.retry")}
              </Button>
            </div>
          ) : (
            <p>{t("common.loading")}</p>
          )}
          <div class="home-share__actions">
            {retention && (
              <Button wide onClick={() => setStep({ name: "choose" })}>
                {t("kiosk.home.agree")}
              </Button>
            )}
            <Button wide variant="secondary" onClick={props.onClose}>
              {t("kiosk.home.notNow")}
            </Button>
          </div>
        </>
      )}
      {step.name === "choose" && (
        <>
          <p class="kiosk__lead">{t("kiosk.home.chooseLead")}</p>
          {step.problem && (
            <p class="capture__failed" role="alert">
              {t("kiosk.home.wrongType")}
            </p>
          )}
          <div class="home-share__actions">
            <label class="button button--primary button--wide home-share__pick">
              {t("kiosk.home.choose")}
              <input
                class="visually-hidden"
                type="file"
                accept="image/*,video/*"
                capture="environment"
                data-testid="home-share-file"
                onChange={(e) => {
                  const input = e.currentTarget;
                  void chosen(input.files?.[0]).finally(() => (input.value = ""));
                }}
              />
            </label>
            <Button wide variant="secondary" onClick={props.onClose}>
              {t("common.back")}
            </Button>
          </div>
        </>
      )}
      {step.name === "sending" && (
        <div role="status" class="capture__progress">
          <p class="capture__progress-text">{t("kiosk.home.sending", { percent: step.percent })}</p>
          <progress class="home-share__bar" max={100} value={step.percent} aria-label={t("kiosk.home.sendingTitle")} />
        </div>
      )}
      {step.name === "failed" && (
        <>
          <div class="capture__failed" role="alert">
            <p>{t(step.tooLarge ? "kiosk.home.tooLarge" : "kiosk.home.failed")}</p>
          </div>
          <div class="home-share__actions">
            {!step.tooLarge && (
              <Button wide onClick={() => void send(step.file, step.kind)}>
                {t("kiosk.capture.sendAgain")}
              </Button>
            )}
            <Button wide variant="secondary" onClick={() => setStep({ name: "choose" })}>
              {t("kiosk.home.chooseAnother")}
            </Button>
          </div>
        </>
      )}
      {step.name === "sent" && (
        <>
          <p class="kiosk__lead" data-testid="home-share-sent">
            {t("kiosk.home.sent", {
              date: new Date(step.item.delete_after).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" }),
            })}
          </p>
          <div class="home-share__actions">
            <Button wide onClick={props.onClose}>
              {t("kiosk.home.done")}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
