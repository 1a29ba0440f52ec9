import { useEffect, useState } from "preact/hooks";
import { useCall } from "../lib/useCall";
import { localized, useI18n, type MessageKey } from "../lib/i18n";
import { openLocalMedia } from "../lib/media";
import type { StaffVisit } from "../lib/protocol.gen";
import { Button } from "../ui/button/Button";
import { CallStatus } from "../ui/call-status/CallStatus";
import { ChatPanel } from "../ui/chat-panel/ChatPanel";
import { ConfirmButton } from "../ui/confirm-button/ConfirmButton";
import { Notice } from "../ui/notice/Notice";
import { VideoTile } from "../ui/video-tile/VideoTile";
import { CardReads } from "./CardReads";
import { Documents } from "./documents/Documents";
import { ApplicationEditor } from "./application/ApplicationEditor";

type Layout = "face" | "doc" | "side";

export function languageName(code: string, t: (k: MessageKey) => string): string {
  const key = `lang.${code}` as MessageKey;
  const name = t(key);
  return name === key ? code : name;
}

/** The clerk's side of the call: the citizen (and their document camera), chat, hang up. */
export function StaffCall(props: { visit: StaffVisit; onEnded: () => void; onNoShow: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [layout, setLayout] = useState<Layout>("side");
  const v = props.visit;
  const { view, call } = useCall("staff", v.id, () => openLocalMedia({ documentCamera: false }));

  useEffect(() => {
    if (view?.endedBy || (view?.visit && view.visit.status !== "in_call")) props.onEnded();
  }, [view?.endedBy, view?.visit?.status]);

  const status = view?.status ?? "connecting";
  const doc = view?.remoteDoc ?? null;
  const shown: Layout = doc ? layout : "face";
  const layouts: [Layout, MessageKey][] = [
    ["side", "staffCall.layoutSide"],
    ["face", "staffCall.layoutFace"],
    ["doc", "staffCall.layoutDoc"],
  ];

  return (
    <section class="office-card staff-call" aria-labelledby="staff-call-title">
      <h2 id="staff-call-title">{t("staffCall.title", { ticket: v.ticket })}</h2>
      <p>
        {t("staffCall.details", {
          service: localized(v.service_name, lang),
          place: v.place,
          terminal: v.terminal_name,
          language: languageName(v.language, t),
        })}
      </p>
      <CallStatus status={status} waitingForPeer={!view?.peerPresent} />
      {view?.gone === "replaced" && <Notice kind="warning">{t("staffCall.gone")}</Notice>}
      {view?.local?.failed && <Notice kind="warning">{t("staffCall.mediaFailed")}</Notice>}
      <div class={`staff-call__videos staff-call__videos--${shown}`}>
        {shown !== "doc" && (
          <VideoTile
            stream={view?.remote ?? null}
            label={t("staffCall.citizenVideo")}
            placeholder={t(`call.status.${status}`)}
            size="large"
            testId="remote-video"
          />
        )}
        {doc && shown !== "face" && (
          <VideoTile stream={doc} label={t("staffCall.docVideo")} size="large" testId="remote-doc" />
        )}
      </div>
      <div class="staff-call__row">
        {doc ? (
          <div class="staff-call__layout" role="group" aria-label={t("staffCall.layout")}>
            {layouts.map(([value, key]) => (
              <Button key={value} variant="secondary" aria-pressed={shown === value ? "true" : "false"} onClick={() => setLayout(value)}>
                {t(key)}
              </Button>
            ))}
          </div>
        ) : (
          <p>{t("staffCall.noDoc")}</p>
        )}
        <VideoTile stream={view?.local?.stream ?? null} label={t("staffCall.selfVideo")} self size="small" />
      </div>
      <CardReads visitId={v.id} changed={view?.visit} />
      <Documents visitId={v.id} call={call} connected={view?.signal === "open"} visit={view?.visit ?? null} />
      <ApplicationEditor visitId={v.id} changed={view?.visit} />
      <ChatPanel
        id="staff-chat"
        me="staff"
        lines={view?.chat ?? []}
        pending={view?.pending ?? []}
        onSend={(text) => call?.chat(text)}
      />
      <div class="office-actions">
        <ConfirmButton
          label={t("staffCall.hangUp")}
          question={t("staffCall.hangUpQuestion")}
          onConfirm={() => {
            // Without a connection the outcome can still be recorded (it ends the call too).
            if (!call?.hangUp()) props.onEnded();
          }}
        />
        <ConfirmButton label={t("staffCall.noShow")} question={t("staffCall.noShowQuestion")} onConfirm={props.onNoShow} />
      </div>
    </section>
  );
}
