/**
 * The call's signaling client (protocol v1, see backend/calls/schemas.py): one WebSocket per
 * participant per visit, reconnected with backoff, resuming the same visit; the chat outbox is
 * sent (again) until the server echoes each line.
 */
import type {
  Answer,
  CallEnded,
  Candidate,
  CaptureRequest,
  CaptureStatus,
  Chat,
  ChatLine,
  Error as SignalError,
  HangUp,
  Markup,
  Offer,
  PeerJoined,
  PeerLeft,
  Ping,
  Pong,
  RestartRequest,
  VisitChanged,
  Welcome,
} from "./protocol.gen";
import type { Outbox, PendingChat } from "./outbox";
import { ReconnectingSocket, type Clock, type SocketFactory } from "./socket";

export type Role = "citizen" | "staff";
export type ServerMessage =
  | Welcome
  | PeerJoined
  | PeerLeft
  | Offer
  | Answer
  | Candidate
  | RestartRequest
  | ChatLine
  | VisitChanged
  | CallEnded
  | Pong
  | SignalError
  | CaptureRequest
  | CaptureStatus
  | Markup;
/** The clerk asks for a still, the kiosk says how it goes, the clerk points at the shown page. */
export type DocumentMessage = CaptureRequest | CaptureStatus | Markup;
export type ClientMessage = Offer | Answer | Candidate | RestartRequest | Chat | HangUp | Ping | DocumentMessage;

/** "open" once the welcome has arrived; "down" while reconnecting; "gone" when it will not come back. */
export type SignalState = "connecting" | "open" | "down" | "gone";
/** Why the server sent us away for good (close codes 4401, 4403, 4404, 4409). */
export type GoneReason = "signed_out" | "not_allowed" | "not_found" | "replaced";

const GONE: Record<number, GoneReason> = { 4401: "signed_out", 4403: "not_allowed", 4404: "not_found", 4409: "replaced" };

export const SIGNAL_HEARTBEAT = { intervalMs: 4_000, timeoutMs: 10_000 };

export function signalUrl(visitId: string, role: Role, location: { protocol: string; host: string } = globalThis.location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/visits/${encodeURIComponent(visitId)}/signal?role=${role}`;
}

export interface SignalClientOptions {
  visitId: string;
  role: Role;
  url?: string;
  outbox: Outbox;
  factory?: SocketFactory;
  clock?: Clock;
  random?: () => number;
  newId?: () => string;
  onMessage: (message: ServerMessage) => void;
  onState: (state: SignalState, gone?: GoneReason) => void;
  /** The chat lines waiting for the server changed (show them as "sending"). */
  onPending?: (pending: PendingChat[]) => void;
}

export class SignalClient {
  private readonly socket: ReconnectingSocket;
  private pending: PendingChat[] = [];
  private inCall = false;
  private welcomed = false;
  state: SignalState = "connecting";

  constructor(private readonly opts: SignalClientOptions) {
    this.socket = new ReconnectingSocket({
      url: opts.url ?? (() => signalUrl(opts.visitId, opts.role)),
      factory: opts.factory,
      clock: opts.clock,
      random: opts.random,
      heartbeat: { ...SIGNAL_HEARTBEAT, ping: () => JSON.stringify({ type: "ping" }) },
      onOpen: () => {
        this.welcomed = false;
      },
      onMessage: (data) => this.receive(data),
      onDown: ({ code, final }) => {
        this.welcomed = false;
        if (final) this.setState("gone", GONE[code] ?? "not_allowed");
        else this.setState("down");
      },
    });
  }

  /** Loads the outbox left by an earlier page, then connects. */
  async start(): Promise<void> {
    this.pending = await this.opts.outbox.list(this.opts.visitId);
    this.opts.onPending?.([...this.pending]);
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  /** The browser says the network is back: reconnect now rather than after the backoff. */
  networkBack(): void {
    this.socket.reconnectNow();
  }

  /** The browser says the network is gone: don't wait for the heartbeat to notice. */
  networkLost(): void {
    this.socket.kill();
  }

  /** Sends now if connected and welcomed; signaling is not queued (the peer re-offers on rejoin). */
  send(message: Offer | Answer | Candidate | RestartRequest | HangUp | DocumentMessage): boolean {
    return this.welcomed && this.socket.send(JSON.stringify(message));
  }

  /** Keeps the line in the outbox first, then sends it if the call is on. */
  async chat(text: string): Promise<PendingChat> {
    const line: PendingChat = {
      client_id: (this.opts.newId ?? newClientId)(),
      visit_id: this.opts.visitId,
      text,
      created_at: Date.now(),
    };
    await this.opts.outbox.put(line);
    this.pending = [...this.pending, line];
    this.opts.onPending?.([...this.pending]);
    this.sendChat(line);
    return line;
  }

  private sendChat(line: PendingChat): void {
    if (!this.welcomed || !this.inCall) return;
    this.socket.send(JSON.stringify({ type: "chat", client_id: line.client_id, text: line.text } satisfies Chat));
  }

  private flush(): void {
    for (const line of this.pending) this.sendChat(line);
  }

  private confirm(clientIds: Iterable<string>): void {
    const done = new Set(clientIds);
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => !done.has(p.client_id));
    if (this.pending.length === before) return;
    for (const id of done) void this.opts.outbox.remove(id);
    this.opts.onPending?.([...this.pending]);
  }

  private receive(data: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case "welcome":
        this.welcomed = true;
        this.inCall = message.visit.status === "in_call";
        // Lines the server already has (sent before a drop, receipt lost) are not sent twice.
        this.confirm(message.chat.map((c) => c.client_id));
        this.setState("open");
        this.flush();
        break;
      case "visit_changed": {
        const was = this.inCall;
        this.inCall = message.visit.status === "in_call";
        if (this.inCall && !was) this.flush();
        break;
      }
      case "call_ended":
        this.inCall = false;
        break;
      case "chat_line":
        this.confirm([message.client_id]);
        break;
    }
    this.opts.onMessage(message);
  }

  private setState(state: SignalState, gone?: GoneReason): void {
    this.state = state;
    this.opts.onState(state, gone);
  }
}

function newClientId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
