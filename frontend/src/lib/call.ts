/**
 * One side of a video call over the signaling socket. Protocol v1: staff make every offer
 * (including ICE restarts); the kiosk answers. Three transceivers, in this order: audio, face
 * video, document-camera video (kiosk → staff).
 *
 * Recovery: a dropped socket reconnects and rejoins (SignalClient); when the other side (re)joins,
 * staff offer again, with an ICE restart if a connection existed; lost media (ICE disconnected or
 * failed) makes staff restart ICE and the kiosk ask for it. A side whose page was reloaded has a
 * new peer connection: the other side notices (a fresh offer, or an answer that does not fit) and
 * starts a new one too.
 */
import type { ChatLine, IceServer, Visit } from "./protocol.gen";
import { stopLocalMedia, type LocalMedia } from "./media";
import type { Outbox, PendingChat } from "./outbox";
import { SignalClient, type DocumentMessage, type GoneReason, type Role, type ServerMessage, type SignalState } from "./signal";

export type CallStatus = "connecting" | "connected" | "reconnecting" | "ended";

export interface CallView {
  status: CallStatus;
  visit: Visit | null;
  chat: ChatLine[];
  pending: PendingChat[];
  /** The other side's microphone and face camera. */
  remote: MediaStream | null;
  /** Staff only: the kiosk's document camera, when it sends one. */
  remoteDoc: MediaStream | null;
  peerPresent: boolean;
  /** Our own camera and microphone, once opened (self view). */
  local: LocalMedia | null;
  signal: SignalState;
  gone?: GoneReason;
  endedBy?: Role;
}

/** How long media may stay "disconnected" before an ICE restart is asked for. */
export const DISCONNECTED_GRACE_MS = 2_000;
/** No media packets for this long means the line is down, before ICE itself notices (~8 s). */
export const STALL_MS = 2_500;
const STATS_EVERY_MS = 1_000;
/** After this many ICE restarts without getting connected, staff start a new peer connection. */
const RESTARTS_BEFORE_FRESH = 2;

export interface CallOptions {
  role: Role;
  visitId: string;
  outbox: Outbox;
  /** Opened once, when the call starts (for the kiosk: when the clerk has accepted). */
  media: () => Promise<LocalMedia>;
  onChange: (view: CallView) => void;
  signalUrl?: string;
}

export class Call {
  private readonly signal: SignalClient;
  private pc: RTCPeerConnection | null = null;
  private iceServers: IceServer[] = [];
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private local: Promise<LocalMedia> | null = null;
  private everConnected = false;
  private restartsWithoutSuccess = 0;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRestartRequest = 0;
  private offline = false;
  private stopped = false;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private packets = 0;
  private packetsAt = 0;
  private stalled = false;
  private pendingHangUp = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly documentListeners = new Set<(m: DocumentMessage) => void>();
  view: CallView = {
    status: "connecting",
    visit: null,
    chat: [],
    pending: [],
    remote: null,
    remoteDoc: null,
    peerPresent: false,
    local: null,
    signal: "connecting",
  };

  constructor(private readonly opts: CallOptions) {
    this.signal = new SignalClient({
      visitId: opts.visitId,
      role: opts.role,
      url: opts.signalUrl,
      outbox: opts.outbox,
      onMessage: (m) => {
        // Capture and markup do not touch the peer connection: hand them over at once.
        if (m.type === "capture_request" || m.type === "capture_status" || m.type === "markup") {
          for (const listen of this.documentListeners) listen(m);
        } else this.serial(() => this.onMessage(m));
      },
      onState: (state, gone) => this.update({ signal: state, gone }),
      onPending: (pending) => this.update({ pending }),
    });
  }

  async start(): Promise<void> {
    addEventListener("online", this.onOnline);
    addEventListener("offline", this.onOffline);
    this.offline = typeof navigator !== "undefined" && navigator.onLine === false;
    this.statsTimer = setInterval(() => void this.watchMedia(), STATS_EVERY_MS);
    await this.signal.start();
  }

  stop(): void {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    removeEventListener("offline", this.onOffline);
    this.signal.stop();
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.release();
    if (this.graceTimer) clearTimeout(this.graceTimer);
  }

  chat(text: string): Promise<PendingChat> {
    return this.signal.chat(text);
  }

  /** Ends the call; while the line is down the hang-up is kept and sent on reconnect. */
  hangUp(): boolean {
    if (this.signal.send({ type: "hang_up" })) return true;
    this.pendingHangUp = true;
    return false;
  }

  /** Capture requests, capture progress and markup from the other side; returns the unsubscribe. */
  listenDocuments(listener: (m: DocumentMessage) => void): () => void {
    this.documentListeners.add(listener);
    return () => this.documentListeners.delete(listener);
  }

  /** Sends a capture request, capture progress or markup now; false while the line is down. */
  tellDocuments(message: DocumentMessage): boolean {
    return this.signal.send(message);
  }

  /** For tests and diagnostics: the current peer connection. */
  get peerConnection(): RTCPeerConnection | null {
    return this.pc;
  }

  private onOnline = () => {
    this.offline = false;
    this.signal.networkBack();
    this.update({});
  };

  private onOffline = () => {
    this.offline = true;
    this.signal.networkLost();
    this.update({});
  };

  /** Signaling steps run one at a time, in arrival order (each awaits the peer connection). */
  private serial(step: () => Promise<void>): void {
    this.busy = this.busy.then(step).catch((e) => console.warn("call step failed", e));
  }

  private async onMessage(m: ServerMessage): Promise<void> {
    if (this.stopped) return;
    switch (m.type) {
      case "welcome": {
        this.iceServers = m.ice_servers;
        if (this.pendingHangUp && m.visit.status === "in_call") this.signal.send({ type: "hang_up" });
        this.pendingHangUp = false;
        const chat = mergeChat(this.view.chat, m.chat);
        this.update({ visit: m.visit, chat });
        break;
      }
      case "visit_changed":
        this.update({ visit: m.visit, ...(m.visit.status === "in_call" ? { endedBy: undefined } : {}) });
        if (m.visit.status !== "in_call") this.release();
        break;
      case "peer_joined":
        this.update({ peerPresent: true });
        if (this.opts.role === "staff" && m.role === "citizen") await this.offer(this.hasSession());
        break;
      case "peer_left":
        this.update({ peerPresent: false });
        break;
      case "offer":
        if (this.opts.role === "citizen") await this.answer(m.sdp, m.ice_restart ?? false);
        break;
      case "answer":
        if (this.opts.role === "staff") await this.accepted(m.sdp);
        break;
      case "candidate":
        await this.addCandidate({
          candidate: m.candidate,
          sdpMid: m.sdpMid ?? null,
          sdpMLineIndex: m.sdpMLineIndex ?? null,
          usernameFragment: m.usernameFragment ?? null,
        });
        break;
      case "restart_request":
        if (this.opts.role === "staff") await this.offer(this.hasSession());
        break;
      case "chat_line":
        this.update({ chat: mergeChat(this.view.chat, [m]) });
        break;
      case "call_ended":
        this.update({ endedBy: m.by });
        this.release();
        break;
    }
  }

  private hasSession(): boolean {
    return !!this.pc && !!this.pc.remoteDescription && this.pc.connectionState !== "closed";
  }

  private media(): Promise<LocalMedia> {
    if (!this.local) {
      const opening = this.opts.media();
      this.local = opening;
      void opening.then((m) => this.local === opening && this.update({ local: m }));
    }
    return this.local;
  }

  private newPc(): RTCPeerConnection {
    this.closePc();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers as RTCIceServer[] });
    this.pc = pc;
    this.pendingCandidates = [];
    const remote = { audio: null as MediaStreamTrack | null, face: null as MediaStreamTrack | null };
    pc.onicecandidate = (e) => {
      if (e.candidate && this.pc === pc) {
        const c = e.candidate.toJSON();
        this.signal.send({
          type: "candidate",
          candidate: c.candidate ?? "",
          sdpMid: c.sdpMid ?? null,
          sdpMLineIndex: c.sdpMLineIndex ?? null,
          usernameFragment: c.usernameFragment ?? null,
        });
      }
    };
    pc.ontrack = (e) => {
      if (this.pc !== pc) return;
      const index = pc.getTransceivers().indexOf(e.transceiver);
      if (index === 0) remote.audio = e.track;
      else if (index === 1) remote.face = e.track;
      else if (index === 2 && this.opts.role === "staff") {
        this.update({ remoteDoc: new MediaStream([e.track]) });
        return;
      }
      this.update({ remote: new MediaStream([remote.audio, remote.face].filter((t): t is MediaStreamTrack => !!t)) });
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const state = pc.connectionState;
      if (state === "connected") {
        this.everConnected = true;
        this.restartsWithoutSuccess = 0;
        if (this.graceTimer) clearTimeout(this.graceTimer);
        this.graceTimer = null;
      } else if (state === "failed") {
        this.mediaLost();
      } else if (state === "disconnected") {
        if (this.graceTimer) clearTimeout(this.graceTimer);
        this.graceTimer = setTimeout(() => {
          this.graceTimer = null;
          if (this.pc === pc && pc.connectionState === "disconnected") this.mediaLost();
        }, DISCONNECTED_GRACE_MS);
      }
      this.update({});
    };
    return pc;
  }

  /** Watches the packets received: a silent line shows as "reconnecting" at once, in words. */
  private async watchMedia(): Promise<void> {
    const pc = this.pc;
    if (!pc || !this.everConnected) return;
    let packets = 0;
    try {
      (await pc.getStats()).forEach((r: { type: string; packetsReceived?: number }) => {
        if (r.type === "inbound-rtp") packets += r.packetsReceived ?? 0;
      });
    } catch {
      return;
    }
    if (this.pc !== pc) return;
    const now = Date.now();
    if (packets !== this.packets || packets === 0) {
      this.packets = packets;
      this.packetsAt = now;
      if (this.stalled) {
        this.stalled = false;
        this.update({});
      }
    } else if (!this.stalled && now - this.packetsAt > STALL_MS) {
      this.stalled = true;
      this.update({});
    }
  }

  /** Media stopped flowing: staff restart ICE, the kiosk asks staff to. */
  private mediaLost(): void {
    if (this.opts.role === "staff") {
      this.serial(() => this.offer(true));
    } else if (Date.now() - this.lastRestartRequest > DISCONNECTED_GRACE_MS) {
      this.lastRestartRequest = Date.now();
      this.signal.send({ type: "restart_request" });
    }
  }

  /** The conversation is over (or not started): hang up media and turn the camera off. */
  private release(): void {
    this.closePc();
    this.everConnected = false;
    const local = this.local;
    this.local = null;
    void local?.then(stopLocalMedia);
    if (this.view.local) this.update({ local: null });
  }

  private closePc(): void {
    const pc = this.pc;
    this.pc = null;
    this.stalled = false;
    this.packets = 0;
    if (pc) {
      pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null;
      pc.close();
    }
    if (this.view.remote || this.view.remoteDoc) this.update({ remote: null, remoteDoc: null });
  }

  /** Staff: offer (again). `restart` keeps the peer connection and restarts ICE. */
  private async offer(restart: boolean): Promise<void> {
    if (this.view.visit?.status !== "in_call" || !this.view.peerPresent) return;
    const media = await this.media();
    if (restart && this.pc && this.restartsWithoutSuccess >= RESTARTS_BEFORE_FRESH) restart = false;
    let pc = this.pc;
    if (!pc || !restart) {
      pc = this.newPc();
      pc.addTransceiver(media.audio ?? "audio", { direction: "sendrecv", streams: streamsOf(media) });
      pc.addTransceiver(media.video ?? "video", { direction: "sendrecv", streams: streamsOf(media) });
      pc.addTransceiver("video", { direction: "recvonly" });
      restart = false;
    } else {
      this.restartsWithoutSuccess += 1;
      if (pc.signalingState === "have-local-offer") await pc.setLocalDescription({ type: "rollback" });
    }
    const offer = await pc.createOffer(restart ? { iceRestart: true } : undefined);
    if (this.pc !== pc) return;
    await pc.setLocalDescription(offer);
    this.signal.send({ type: "offer", sdp: offer.sdp ?? "", ice_restart: restart });
    this.update({});
  }

  /** Staff: the kiosk's answer. One that does not fit (the kiosk reloaded) means start afresh. */
  private async accepted(sdp: string): Promise<void> {
    const pc = this.pc;
    if (!pc || pc.signalingState !== "have-local-offer") return;
    try {
      await pc.setRemoteDescription({ type: "answer", sdp });
    } catch {
      this.closePc();
      await this.offer(false);
      return;
    }
    await this.flushCandidates();
  }

  /** Kiosk: answer the clerk's offer with our camera, microphone and document camera. */
  private async answer(sdp: string, iceRestart: boolean): Promise<void> {
    if (!this.pc || (!iceRestart && this.pc.remoteDescription)) this.newPc();
    const pc = this.pc!;
    const media = await this.media();
    if (this.pc !== pc) return;
    try {
      await pc.setRemoteDescription({ type: "offer", sdp });
    } catch {
      // An offer that does not fit our old connection: start again with a new one.
      const fresh = this.newPc();
      await fresh.setRemoteDescription({ type: "offer", sdp });
    }
    const current = this.pc!;
    const [audio, face, doc] = current.getTransceivers();
    if (audio && audio.direction !== "stopped") {
      await audio.sender.replaceTrack(media.audio);
      audio.direction = "sendrecv";
      if (media.stream) audio.sender.setStreams?.(media.stream);
    }
    if (face && face.direction !== "stopped") {
      await face.sender.replaceTrack(media.video);
      face.direction = "sendrecv";
      if (media.stream) face.sender.setStreams?.(media.stream);
    }
    if (doc && doc.direction !== "stopped") {
      await doc.sender.replaceTrack(media.doc);
      doc.direction = media.doc ? "sendonly" : "inactive";
      if (media.docStream) doc.sender.setStreams?.(media.docStream);
    }
    const answer = await current.createAnswer();
    if (this.pc !== current) return;
    await current.setLocalDescription(answer);
    this.signal.send({ type: "answer", sdp: answer.sdp ?? "" });
    await this.flushCandidates();
  }

  private async addCandidate(c: RTCIceCandidateInit): Promise<void> {
    const pc = this.pc;
    if (!pc || !pc.remoteDescription) {
      this.pendingCandidates.push(c);
      return;
    }
    try {
      await pc.addIceCandidate(c);
    } catch {
      /* a candidate from an earlier ICE generation: harmless */
    }
  }

  private async flushCandidates(): Promise<void> {
    const queued = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const c of queued) await this.addCandidate(c);
  }

  private status(): CallStatus {
    const v = this.view;
    if (v.gone || v.endedBy || (v.visit && v.visit.status !== "in_call" && v.visit.status !== "waiting")) return "ended";
    // Media flowing peer to peer is what the person notices; a signaling socket that is
    // reconnecting meanwhile (server restart) does not interrupt the conversation.
    const media = this.pc?.connectionState;
    if (media === "connected" && !this.offline && !this.stalled) return "connected";
    return this.everConnected ? "reconnecting" : "connecting";
  }

  private update(patch: Partial<CallView>): void {
    this.view = { ...this.view, ...patch };
    this.view.status = this.status();
    this.opts.onChange(this.view);
  }
}

function streamsOf(media: LocalMedia): MediaStream[] {
  return media.stream ? [media.stream] : [];
}

/** Chat lines by server id, oldest first; a line seen twice (welcome after a reconnect) once. */
export function mergeChat(have: ChatLine[], more: ChatLine[]): ChatLine[] {
  const byId = new Map(have.map((l) => [l.id, l]));
  for (const l of more) byId.set(l.id, l);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
