import { useEffect, useRef, useState } from "preact/hooks";
import { attachmentsApi, documentPages, kioskContentUrl, shownOf, uploadAttachment } from "../../lib/attachments";
import type { Call } from "../../lib/call";
import { useI18n } from "../../lib/i18n";
import type { LocalMedia } from "../../lib/media";
import type { Mark, Visit } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { DocumentView } from "../../ui/document-view/DocumentView";
import { Notice } from "../../ui/notice/Notice";
import { useReadsCard } from "./service";
import { StillError, takeStill, type StillFailure } from "./still";
import "./capture.css";

type Phase =
  | { name: "idle" }
  | { name: "taking" }
  | { name: "uploading" }
  | { name: "failed"; reason: StillFailure | "upload" };

/**
 * The kiosk's side of "Capture" and markup: when the clerk asks, take a full-resolution still of
 * the document camera, send it, and show the straightened page with the clerk's marks on it.
 * A still that could not be sent is kept here and can be sent again.
 */
export function KioskDocuments(props: { visit: Visit; call: Call | null; media: LocalMedia | null }) {
  const { t } = useI18n();
  const readsCard = useReadsCard(props.visit.service_id);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [shown, setShown] = useState<{ id: string; straightened: boolean } | null>(null);
  const [marks, setMarks] = useState<{ id: string; marks: Mark[] } | null>(null);
  const unsent = useRef<Blob | null>(null);
  const busy = useRef(false);
  const media = useRef(props.media);
  media.current = props.media;
  const { call } = props;
  const visitId = props.visit.id;

  async function send(blob: Blob): Promise<void> {
    setPhase({ name: "uploading" });
    call?.tellDocuments({ type: "capture_status", state: "uploading" });
    try {
      const page = shownOf(await uploadAttachment(visitId, "document", blob));
      unsent.current = null;
      if (page) setShown({ id: page.id, straightened: page.kind === "document_corrected" });
      setPhase({ name: "idle" });
      call?.tellDocuments({ type: "capture_status", state: "done", attachment_id: page?.id ?? null });
    } catch {
      unsent.current = blob;
      setPhase({ name: "failed", reason: "upload" });
      call?.tellDocuments({ type: "capture_status", state: "failed", reason: "upload" });
    }
  }

  async function capture(): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    try {
      setPhase({ name: "taking" });
      call?.tellDocuments({ type: "capture_status", state: "taking" });
      let blob: Blob;
      try {
        blob = (await takeStill(media.current)).blob;
      } catch (e) {
        const reason = e instanceof StillError ? e.reason : "camera";
        setPhase({ name: "failed", reason });
        call?.tellDocuments({ type: "capture_status", state: "failed", reason });
        return;
      }
      await send(blob);
    } finally {
      busy.current = false;
    }
  }

  async function sendAgain(): Promise<void> {
    const blob = unsent.current;
    if (!blob || busy.current) return;
    busy.current = true;
    try {
      await send(blob);
    } finally {
      busy.current = false;
    }
  }

  // After a reload the page shown last comes back from the server (the newest document).
  useEffect(() => {
    let live = true;
    attachmentsApi.kioskList(visitId).then(
      (list) => {
        const last = documentPages(list).at(-1);
        if (live && last) setShown((s) => s ?? { id: last.id, straightened: last.kind === "document_corrected" });
      },
      () => undefined, // nothing to show is the same as before
    );
    return () => {
      live = false;
    };
  }, [visitId]);

  useEffect(
    () =>
      call?.listenDocuments((m) => {
        if (m.type === "capture_request") void capture();
        else if (m.type === "markup") {
          setMarks({ id: m.attachment_id, marks: m.marks });
          // The clerk points at a page: that is the page to show (it may be an earlier one).
          setShown((s) => (s?.id === m.attachment_id ? s : { id: m.attachment_id, straightened: true }));
        }
      }),
    [call, visitId],
  );

  const working = phase.name === "taking" || phase.name === "uploading";
  const cardBack = readsCard && <p class="capture__card-back" data-testid="card-back-warning">{t("kiosk.capture.cardBack")}</p>;
  // Nothing captured, nothing happening: only the warning (for card services), no empty panel.
  if (!shown && phase.name === "idle") return cardBack || null;
  return (
    <section class="capture" aria-labelledby="capture-title">
      <h2 id="capture-title" class="capture__title">
        {t("kiosk.capture.title")}
      </h2>
      {!working && cardBack}
      {working && (
        <div class="capture__progress" role="status" data-testid="capture-progress">
          <p class="capture__progress-text">
            {t(phase.name === "taking" ? "kiosk.capture.taking" : "kiosk.capture.uploading")}
          </p>
          {cardBack}
        </div>
      )}
      {phase.name === "failed" && (
        <div class="capture__failed" role="alert">
          <p>
            {t(
              phase.reason === "upload"
                ? "kiosk.capture.failedUpload"
                : phase.reason === "no_camera"
                  ? "kiosk.capture.failedNoCamera"
                  : "kiosk.capture.failedCamera",
            )}
          </p>
          {phase.reason === "upload" && (
            <Button wide onClick={() => void sendAgain()}>
              {t("kiosk.capture.sendAgain")}
            </Button>
          )}
        </div>
      )}
      {shown ? (
        <>
          {!shown.straightened && <Notice>{t("kiosk.capture.notStraightened")}</Notice>}
          {marks?.id === shown.id && marks.marks.length > 0 && (
            <p class="capture__marks-hint" role="status">
              {t("kiosk.capture.marks")}
            </p>
          )}
          <DocumentView
            src={kioskContentUrl(visitId, shown.id)}
            alt={t("kiosk.capture.alt")}
            marks={marks?.id === shown.id ? marks.marks : []}
            testId="kiosk-document"
          />
        </>
      ) : null}
    </section>
  );
}
