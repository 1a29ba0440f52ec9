/**
 * A WebSocket that comes back: reconnects with capped, jittered exponential backoff, notices a
 * dead connection by silence (a van's LTE drops packets without closing anything), and gives up
 * only on close codes that say retrying cannot help.
 */

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

const OPEN = 1;

/** 4401 not signed in / not enrolled, 4403 not allowed, 4404 unknown visit, 4409 replaced by a newer page. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4403, 4404, 4409]);

export const BACKOFF = { firstMs: 500, maxMs: 10_000 };

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, between half and all of it. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface Heartbeat {
  /** How often to send `ping()` while open. */
  intervalMs: number;
  /** Silence longer than this means the connection is dead, even if the socket says otherwise. */
  timeoutMs: number;
  ping: () => string;
}

export interface ReconnectingSocketOptions {
  url: string | (() => string);
  factory?: SocketFactory;
  clock?: Clock;
  random?: () => number;
  heartbeat?: Heartbeat;
  onOpen?: () => void;
  onMessage: (data: string) => void;
  /** The connection went away; `final` when it will not be retried (see FINAL_CLOSE_CODES). */
  onDown?: (info: { code: number; final: boolean; retryInMs: number | null }) => void;
}

export class ReconnectingSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private beatTimer: unknown = null;
  private lastHeard = 0;
  private stopped = true;
  private readonly clock: Clock;
  private readonly factory: SocketFactory;

  constructor(private readonly opts: ReconnectingSocketOptions) {
    this.clock = opts.clock ?? realClock;
    this.factory = opts.factory ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  }

  get open(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** Reconnect attempts since the last message was heard. */
  get attempts(): number {
    return this.attempt;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.drop(1000);
  }

  /** Sends when open; false when the message could not be sent now. */
  send(data: string): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    try {
      this.socket.send(data);
      return true;
    } catch {
      return false;
    }
  }

  /** The network is back (an `online` event): try at once instead of waiting out the backoff. */
  reconnectNow(): void {
    if (this.stopped) return;
    this.attempt = 0;
    if (this.retryTimer !== null) {
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.connect();
    }
  }

  /** Treat the current connection as dead now (e.g. the browser says it went offline). */
  kill(): void {
    if (this.socket && !this.stopped) this.lost(4000);
  }

  private connect(): void {
    this.retryTimer = null;
    const url = typeof this.opts.url === "function" ? this.opts.url() : this.opts.url;
    let socket: SocketLike;
    try {
      socket = this.factory(url);
    } catch {
      this.scheduleRetry(1006);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.lastHeard = this.clock.now();
      this.beat();
      this.opts.onOpen?.();
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.lastHeard = this.clock.now();
      this.attempt = 0; // the server answered: the next drop starts the backoff afresh
      if (typeof ev.data === "string") this.opts.onMessage(ev.data);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.lost(ev.code);
    };
    socket.onerror = () => {
      /* a close event follows */
    };
  }

  private lost(code: number): void {
    this.drop(4000);
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.stopped = true;
      this.opts.onDown?.({ code, final: true, retryInMs: null });
      return;
    }
    this.scheduleRetry(code);
  }

  private scheduleRetry(code: number): void {
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt += 1;
    this.opts.onDown?.({ code, final: false, retryInMs: delay });
    this.retryTimer = this.clock.setTimeout(() => this.connect(), delay);
  }

  /** Forget the current socket (handlers detached, so its late events are ignored) and close it. */
  private drop(code: number): void {
    this.clock.clearTimeout(this.beatTimer);
    this.beatTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(code);
    } catch {
      /* already closed */
    }
  }

  private beat(): void {
    const hb = this.opts.heartbeat;
    if (!hb) return;
    this.beatTimer = this.clock.setTimeout(() => {
      if (!this.socket || this.socket.readyState !== OPEN) return;
      if (this.clock.now() - this.lastHeard > hb.timeoutMs) {
        this.lost(4000); // silence: the connection is gone even though nobody closed it
        return;
      }
      this.send(hb.ping());
      this.beat();
    }, hb.intervalMs);
  }
}
