import { useEffect } from "preact/hooks";
import { api } from "../../lib/api";
import type { Call, CallView } from "../../lib/call";
import { useCall } from "../../lib/useCall";
import { localized, useI18n } from "../../lib/i18n";
import { openLocalMedia } from "../../lib/media";
import type { Visit } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { CallStatus } from "../../ui/call-status/CallStatus";
import { ChatPanel } from "../../ui/chat-panel/ChatPanel";
import { ConfirmButton } from "../../ui/confirm-button/ConfirmButton";
import { Notice } from "../../ui/notice/Notice";
import { VideoTile } from "../../ui/video-tile/VideoTile";
import { bridgeDocumentCamera } from "../documentCamera";
import { Frame } from "./Frame";
import { Loading } from "./Loading";
import { CardCheck } from "../card/CardCheck";
import { KioskApplication } from "../application/KioskApplication";
import { HomeShare } from "../capture/HomeShare";
import { KioskDocuments } from "../capture/KioskDocuments";

/**
 * The citizen's visit, from the ticket to the end: waiting (number, place in line, estimated
 * wait), the call, and the end. Everything shown comes from the server (the signaling socket's
 * welcome and visit_changed), so a reload or a dropped connection comes back to the same place.
 */
export function VisitScreen(props: { visit: Visit; onDone: () => void; onLockedOut: () => void }) {
  const { view, call } = useCall("citizen", props.visit.id, () =>
    openLocalMedia({ documentCamera: true, bridgeCamera: bridgeDocumentCamera }),
  );

  const visit = view?.visit ?? props.visit;
  useEffect(() => {
    if (visit.status === "cancelled") props.onDone();
  }, [visit.status]);
  useEffect(() => {
    if (view?.gone === "signed_out") props.onLockedOut();
  }, [view?.gone]);

  if (view?.gone === "replaced" || view?.gone === "not_found" || view?.gone === "not_allowed") {
    return <Ended title="kiosk.ended.closedTitle" message={view.gone === "replaced" ? "kiosk.visit.replaced" : "kiosk.visit.lost"} onHome={props.onDone} />;
  }
  switch (visit.status) {
    case "waiting":
      return <Waiting visit={visit} offline={view?.signal === "down"} onLeave={async () => {
        await api.leaveQueue(visit.id).catch(() => undefined);
        props.onDone();
      }} />;
    case "in_call":
      return view ? <InCall visit={visit} view={view} call={call} /> : <Waiting visit={visit} offline={false} onLeave={props.onDone} />;
    case "wrap_up":
      return <Ended title="kiosk.ended.title" message="kiosk.ended.wrapUp" callEnded visitId={visit.id} />;
    case "no_show":
      return <Ended title="kiosk.ended.closedTitle" message="kiosk.ended.noShow" onHome={props.onDone} />;
    case "cancelled":
      // The citizen left the line: the kiosk is already clearing itself for the welcome screen
      // (no "thank you, all done" for someone who was not served).
      return <Loading />;
    default:
      return (
        <Ended
          title="kiosk.ended.thanks"
          message={visit.outcome === "follow_up" ? "kiosk.ended.followUp" : "kiosk.ended.resolved"}
          visitId={visit.id}
          onHome={props.onDone}
        />
      );
  }
}

function Waiting(props: { visit: Visit; offline: boolean; onLeave: () => Promise<void> | void }) {
  const { t, lang } = useI18n();
  const v = props.visit;
  const service = localized(v.service_name, lang);
  const position =
    v.position === null ? t("kiosk.waiting.waitUnknown") : v.position <= 1 ? t("kiosk.waiting.next") : t("kiosk.waiting.position", { position: v.position });
  const wait =
    v.estimated_wait_minutes === null
      ? t("kiosk.waiting.waitUnknown")
      : v.estimated_wait_minutes < 1
        ? t("kiosk.waiting.waitSoon")
        : t("kiosk.waiting.wait", { minutes: v.estimated_wait_minutes });
  return (
    <Frame title={t("kiosk.waiting.title")}>
      {v.handed_over && <Notice kind="success">{t("kiosk.waiting.handedOver", { service })}</Notice>}
      {props.offline && <Notice kind="warning">{t("kiosk.waiting.offline")}</Notice>}
      <p class="kiosk__lead">{t("kiosk.waiting.service", { service })}</p>
      <dl class="ticket">
        <div class="ticket__item ticket__item--number">
          <dt>{t("kiosk.waiting.ticketLabel")}</dt>
          <dd class="ticket__number" data-testid="ticket-number">{v.ticket}</dd>
        </div>
        <div class="ticket__item">
          <dt>{t("kiosk.waiting.positionLabel")}</dt>
          {/* Read out when the line moves ("次があなたの番です"), as the call's status is. */}
          <dd data-testid="ticket-position" aria-live="polite">{position}</dd>
        </div>
        <div class="ticket__item">
          <dt>{t("kiosk.waiting.waitLabel")}</dt>
          <dd data-testid="ticket-wait">{wait}</dd>
        </div>
      </dl>
      <p class="kiosk__lead">{t("kiosk.waiting.lead")}</p>
      <CardCheck visit={v} />
      <HomeShare visit={v} />
      <div class="kiosk__leave">
        <ConfirmButton
          label={t("kiosk.waiting.leave")}
          question={t("kiosk.waiting.leaveQuestion")}
          confirmLabel={t("kiosk.waiting.leaveConfirm")}
          onConfirm={props.onLeave}
        />
      </div>
    </Frame>
  );
}

function InCall(props: { visit: Visit; view: CallView; call: Call | null }) {
  const { t } = useI18n();
  const { view } = props;
  const name = props.visit.staff_name;
  return (
    <Frame title={name ? t("kiosk.call.titleNamed", { name }) : t("kiosk.call.title")}>
      <CallStatus status={view.status} waitingForPeer={!view.peerPresent} />
      {view.local?.failed && <Notice kind="warning">{t("kiosk.call.noMedia")}</Notice>}
      <CardCheck visit={props.visit} />
      <KioskApplication visitId={props.visit.id} changed={view.visit} />
      <div class="kiosk-call">
        <div class="kiosk-call__videos">
          <VideoTile
            stream={view.remote}
            label={t("kiosk.call.staffVideo")}
            placeholder={t(`call.status.${view.status}`)}
            size="large"
            testId="remote-video"
          />
          <div class="kiosk-call__own">
            <VideoTile stream={view.local?.stream ?? null} label={t("kiosk.call.selfVideo")} self size="small" />
            {view.local?.docStream && (
              <VideoTile stream={view.local.docStream} label={t("kiosk.call.docVideo")} size="small" />
            )}
          </div>
        </div>
        <ChatPanel
          id="kiosk-chat"
          me="citizen"
          lines={view.chat}
          pending={view.pending}
          onSend={(text) => props.call?.chat(text)}
        />
      </div>
      <KioskDocuments visit={props.visit} call={props.call} media={view.local} />
      <HomeShare visit={props.visit} />
      <div class="kiosk__leave">
        <ConfirmButton
          label={t("kiosk.call.hangUp")}
          question={t("kiosk.call.hangUpQuestion")}
          confirmLabel={t("kiosk.call.hangUpConfirm")}
          onConfirm={() => {
            props.call?.hangUp();
          }}
        />
      </div>
    </Frame>
  );
}

function Ended(props: {
  title: "kiosk.ended.title" | "kiosk.ended.thanks" | "kiosk.ended.closedTitle";
  /** Right after the call: the status line says, in a live region, that it has ended. */
  callEnded?: boolean;
  message: "kiosk.ended.wrapUp" | "kiosk.ended.resolved" | "kiosk.ended.followUp" | "kiosk.ended.noShow" | "kiosk.visit.replaced" | "kiosk.visit.lost";
  onHome?: () => void;
  /** A submitted application's receipt stays in sight after the call. */
  visitId?: string;
}) {
  const { t } = useI18n();
  // Left alone, a finished visit clears itself after the "are you still there?" warning.
  return (
    <Frame title={t(props.title)} idle={props.onHome ? "always" : undefined}>
      {props.callEnded && <CallStatus status="ended" />}
      <p class="kiosk__lead kiosk__ended">{t(props.message)}</p>
      {props.visitId && <KioskApplication visitId={props.visitId} changed={props.message} receiptOnly />}
      {props.onHome && (
        <Button wide onClick={props.onHome} class="kiosk__back">
          {t("kiosk.ended.home")}
        </Button>
      )}
    </Frame>
  );
}
