import { useEffect, useRef, useState } from "preact/hooks";
import { attachmentsApi, staffContentUrl } from "../../lib/attachments";
import type { Call } from "../../lib/call";
import { useI18n, type MessageKey } from "../../lib/i18n";
import type { AttachmentInfo, CaptureStatus, Mark, Visit } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { DocumentView, fractionOf } from "../../ui/document-view/DocumentView";
import { Notice } from "../../ui/notice/Notice";
import "./documents.css";

/** No word from the kiosk for this long after "Capture" means it did not get the request. */
const NO_ANSWER_MS = 15_000;
/** While dragging a highlight the kiosk sees it grow, at most this often. */
const LIVE_EVERY_MS = 80;
/** A press that moves less than this (fraction of the page) is a point, not a box. */
const DRAG_MIN = 0.01;
const MAX_MARKS = 200;

type Capture =
  | { state: "idle" }
  | { state: "requested" | "taking" | "uploading" }
  | { state: "done"; straightened: boolean }
  | { state: "failed"; message: MessageKey };

type Tool = "point" | "highlight";

const FAILED: Record<NonNullable<CaptureStatus["reason"]>, MessageKey> = {
  no_camera: "staffDocs.failedNoCamera",
  camera: "staffDocs.failedCamera",
  upload: "staffDocs.failedUpload",
};

/**
 * The clerk's documents in the call: "Capture" asks the kiosk for a full-resolution still, the
 * server straightens it, and the page shows here (the original one click away). The clerk points
 * and highlights on it; the kiosk sees the same marks live. Photos and videos a citizen shared from
 * a home tablet appear here too.
 */
export function Documents(props: { visitId: string; call: Call | null; connected: boolean; visit: Visit | null }) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<AttachmentInfo[]>([]);
  const [loadFailed, setLoadFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [capture, setCapture] = useState<Capture>({ state: "idle" });
  const [tool, setTool] = useState<Tool>("point");
  const [marks, setMarks] = useState<Mark[]>([]);
  const [draft, setDraft] = useState<Mark | null>(null);
  const drag = useRef<{ x: number; y: number; sentAt: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { call, visitId } = props;

  async function reload(select?: string | null): Promise<void> {
    try {
      const list = await attachmentsApi.staffList(visitId);
      setItems(list);
      setLoadFailed(false);
      if (select) choose(select);
      else setSelected((s) => s ?? newestShown(list)?.id ?? null);
    } catch {
      setLoadFailed(true);
    }
  }

  // The server says the visit changed (an upload among other things): read the list again.
  useEffect(() => void reload(), [visitId, props.visit]);

  useEffect(
    () =>
      call?.listenDocuments((m) => {
        if (m.type !== "capture_status") return;
        if (timer.current) clearTimeout(timer.current);
        if (m.state === "taking" || m.state === "uploading") setCapture({ state: m.state });
        else if (m.state === "failed") setCapture({ state: "failed", message: FAILED[m.reason ?? "camera"] });
        else {
          setCapture({ state: "done", straightened: true });
          void reload(m.attachment_id);
        }
      }),
    [call, visitId],
  );
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  function requestCapture() {
    if (!call?.tellDocuments({ type: "capture_request" })) {
      setCapture({ state: "failed", message: "staffDocs.offline" });
      return;
    }
    setCapture({ state: "requested" });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCapture({ state: "failed", message: "staffDocs.noAnswer" }), NO_ANSWER_MS);
  }

  function choose(id: string, show = false) {
    setSelected(id);
    setMarks([]);
    setDraft(null);
    // Choosing a page shows it on the kiosk too (no marks yet); a video stays on this side.
    const item = items.find((a) => a.id === id);
    if (show && item && item.kind !== "video") call?.tellDocuments({ type: "markup", attachment_id: id, marks: [] });
  }

  function share(next: Mark[]) {
    if (selected) call?.tellDocuments({ type: "markup", attachment_id: selected, marks: next.slice(-MAX_MARKS) });
  }

  function commit(next: Mark[]) {
    setMarks(next);
    setDraft(null);
    share(next);
  }

  const current = items.find((a) => a.id === selected) ?? null;
  const original = current?.original_id ? items.find((a) => a.id === current.original_id) : null;
  const shownList = items.filter((a) => a.kind !== "document" || !items.some((b) => b.original_id === a.id));
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  const working = capture.state === "requested" || capture.state === "taking" || capture.state === "uploading";
  const straightened = current?.kind === "document_corrected";
  const image = current && current.kind !== "video";

  const overlay = {
    onPointerDown(e: PointerEvent) {
      const at = fractionOf(e);
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
      drag.current = { ...at, sentAt: 0 };
      if (tool === "point") setDraft({ kind: "point", ...at });
    },
    onPointerMove(e: PointerEvent) {
      const start = drag.current;
      if (!start) return;
      const at = fractionOf(e);
      const box: Mark =
        tool === "point"
          ? { kind: "point", ...at }
          : {
              kind: "highlight",
              x: Math.min(start.x, at.x),
              y: Math.min(start.y, at.y),
              width: Math.abs(at.x - start.x),
              height: Math.abs(at.y - start.y),
            };
      setDraft(box);
      const now = performance.now();
      if (now - start.sentAt > LIVE_EVERY_MS) {
        start.sentAt = now;
        share(tool === "point" ? [...marks.filter((m) => m.kind !== "point"), box] : [...marks, box]);
      }
    },
    onPointerUp(e: PointerEvent) {
      const start = drag.current;
      drag.current = null;
      if (!start) return;
      const at = fractionOf(e);
      const small = Math.abs(at.x - start.x) < DRAG_MIN && Math.abs(at.y - start.y) < DRAG_MIN;
      // A pointer is one at a time (it moves); highlights add up until cleared.
      if (tool === "point" || small) commit([...marks.filter((m) => m.kind !== "point"), { kind: "point", ...at }]);
      else
        commit([
          ...marks,
          {
            kind: "highlight",
            x: Math.min(start.x, at.x),
            y: Math.min(start.y, at.y),
            width: Math.abs(at.x - start.x),
            height: Math.abs(at.y - start.y),
          },
        ]);
    },
    onPointerCancel() {
      drag.current = null;
      setDraft(null);
      share(marks);
    },
  };

  return (
    <section class="staff-docs" aria-labelledby="staff-docs-title">
      <div class="staff-docs__head">
        <h3 id="staff-docs-title">{t("staffDocs.title")}</h3>
        <Button onClick={requestCapture} busy={working} busyLabel={t("staffDocs.capturing")} disabled={!props.connected}>
          {t("staffDocs.capture")}
        </Button>
      </div>
      <div class="staff-docs__status" data-testid="capture-status">
        {working && (
          <Notice>
            {t(capture.state === "requested" ? "staffDocs.requested" : capture.state === "taking" ? "staffDocs.taking" : "staffDocs.uploading")}
          </Notice>
        )}
        {capture.state === "done" && <Notice kind="success">{t("staffDocs.done")}</Notice>}
        {capture.state === "failed" && (
          <p class="staff-docs__error" role="alert">
            {t(capture.message)}
          </p>
        )}
        {loadFailed && (
          <p class="staff-docs__error" role="alert">
            {t("staffDocs.loadFailed")}
          </p>
        )}
      </div>
      {shownList.length === 0 ? (
        <p>{t("staffDocs.none")}</p>
      ) : (
        <ul class="staff-docs__list" aria-label={t("staffDocs.list")}>
          {shownList.map((a, i) => (
            <li key={a.id}>
              <Button variant="secondary" aria-pressed={a.id === selected ? "true" : "false"} onClick={() => choose(a.id, true)}>
                {t(a.kind === "video" ? "staffDocs.itemVideo" : a.kind === "photo" ? "staffDocs.itemPhoto" : "staffDocs.itemDocument", {
                  n: i + 1,
                  time: time(a.created_at),
                })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {current && (
        <div class="staff-docs__viewer">
          {image && (
            <div class="staff-docs__tools" role="group" aria-label={t("staffDocs.tool")}>
              {(["point", "highlight"] as const).map((value) => (
                <Button key={value} variant="secondary" aria-pressed={tool === value ? "true" : "false"} onClick={() => setTool(value)}>
                  {t(value === "point" ? "staffDocs.point" : "staffDocs.highlight")}
                </Button>
              ))}
              <Button variant="secondary" onClick={() => commit([])} disabled={marks.length === 0}>
                {t("staffDocs.clear")}
              </Button>
              {original && (
                <a class="staff-docs__original" href={staffContentUrl(visitId, original.id)} target="_blank" rel="noopener">
                  {t("staffDocs.openOriginal")}
                </a>
              )}
            </div>
          )}
          {current.kind === "document" && <Notice>{t("staffDocs.notStraightened")}</Notice>}
          {image ? (
            <>
              <p class="staff-docs__hint">{t("staffDocs.markHint")}</p>
              <DocumentView
                src={staffContentUrl(visitId, current.id)}
                alt={t(straightened ? "staffDocs.altStraightened" : current.kind === "photo" ? "staffDocs.altPhoto" : "staffDocs.altDocument")}
                marks={marks}
                draft={draft}
                size="medium"
                testId="staff-document"
                overlay={overlay}
              />
            </>
          ) : (
            <video class="staff-docs__video" src={staffContentUrl(visitId, current.id)} controls aria-label={t("staffDocs.altVideo")} />
          )}
          <p class="staff-docs__kept">{t("staffDocs.keptUntil", { date: new Date(current.delete_after).toLocaleDateString(lang) })}</p>
        </div>
      )}
    </section>
  );
}

/** The newest thing worth showing: a straightened page, a photo or a video (not a raw original). */
function newestShown(list: AttachmentInfo[]): AttachmentInfo | undefined {
  const originals = new Set(list.map((a) => a.original_id).filter(Boolean));
  return [...list].reverse().find((a) => !originals.has(a.id));
}
