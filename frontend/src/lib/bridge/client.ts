/**
 * The kiosk's client of the local device bridge (PROTOCOL.md): proves the pairing on every
 * connection (HMAC over the bridge's nonce and this page's origin), pairs with a console code,
 * answers requests by id, keeps a live picture of readers and cards from the pushed events, and
 * comes back with backoff after the bridge restarts. What it cannot do it says with a stable code.
 */
import { backoffDelay, realClock, type Clock, type SocketFactory, type SocketLike } from "../socket";
import { indexedDbPairingStore, type PairingStore } from "./pairing";
import { helloProof } from "./proof";
import {
  BRIDGE_PROTOCOL,
  DEFAULT_BRIDGE_URL,
  type BridgeErrorCode,
  type BridgeMessage,
  type BridgeRequest,
  type CameraAnswer,
  type CameraStopped,
  type CardReadAnswer,
  type Devices,
  type ErrorMessage,
  type PinStateName,
  type PinStatus,
  type ReaderEvent,
  type Refused,
  type Still,
  type Welcome,
} from "./types";

export class BridgeError extends Error {
  readonly code: BridgeErrorCode | string;
  readonly messageEn: string;
  readonly messageJa: string;
  readonly triesLeft: number | null;
  readonly pinState: PinStateName | null;

  constructor(e: { code: string; message_en?: string; message_ja?: string; tries_left?: number | null; pin_state?: PinStateName | null }) {
    super(e.message_en || e.code);
    this.name = "BridgeError";
    this.code = e.code;
    this.messageEn = e.message_en ?? "";
    this.messageJa = e.message_ja ?? "";
    this.triesLeft = e.tries_left ?? null;
    this.pinState = e.pin_state ?? null;
  }
}

export type BridgeState =
  | { kind: "connecting" }
  /** Nothing answered at the bridge's address (not started, crashed, or this origin not allowed). */
  | { kind: "not_running" }
  /** The bridge runs but this kiosk holds no pairing it knows: the operator must pair. */
  | { kind: "not_paired" }
  /** The bridge refused for a reason retrying cannot fix (e.g. another protocol version). */
  | { kind: "refused"; code: string; messageEn: string; messageJa: string }
  | { kind: "ready"; welcome: Welcome; devices: Devices | null }
  | { kind: "stopped" };

export type BridgeEvent = ReaderEvent | Devices;

export interface BridgeClientOptions {
  url?: string;
  origin?: string;
  store?: PairingStore;
  socket?: SocketFactory;
  clock?: Clock;
  random?: () => number;
  requestTimeoutMs?: number;
  /** Seconds to wait for the challenge before calling the bridge not running. */
  openTimeoutMs?: number;
}

type Request = BridgeRequest extends infer R ? (R extends { id: string } ? Omit<R, "id"> : never) : never;

interface Pending {
  resolve: (m: BridgeMessage) => void;
  reject: (e: BridgeError) => void;
  timer: unknown;
}

interface PairAttempt {
  code: string;
  label: string;
  resolve: () => void;
  reject: (e: BridgeError) => void;
}

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

export class BridgeClient {
  readonly url: string;
  private readonly origin: string;
  private readonly store: PairingStore;
  private readonly socketFactory: SocketFactory;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly openTimeoutMs: number;

  private ws: SocketLike | null = null;
  private stateValue: BridgeState = { kind: "stopped" };
  private listeners = new Set<(s: BridgeState) => void>();
  private eventListeners = new Set<(e: BridgeEvent) => void>();
  private pending = new Map<string, Pending>();
  private nextId = 1;
  private attempt = 0;
  private retryTimer: unknown = null;
  private openTimer: unknown = null;
  private running = false;
  private pairing: PairAttempt | null = null;

  constructor(opts: BridgeClientOptions = {}) {
    this.url = opts.url ?? DEFAULT_BRIDGE_URL;
    this.origin = opts.origin ?? globalThis.location?.origin ?? "";
    this.store = opts.store ?? indexedDbPairingStore();
    this.socketFactory = opts.socket ?? browserSocket;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
    this.openTimeoutMs = opts.openTimeoutMs ?? 10_000;
  }

  get state(): BridgeState {
    return this.stateValue;
  }

  /** Called now with the current state and on every change; returns the unsubscribe. */
  subscribe(listener: (s: BridgeState) => void): () => void {
    this.listeners.add(listener);
    listener(this.stateValue);
    return () => this.listeners.delete(listener);
  }

  onEvent(listener: (e: BridgeEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Connect with the stored pairing (and keep connecting). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.open();
  }

  /** Try again now (the operator pressed "check again", or the bridge was just started). */
  retry(): void {
    this.running = true;
    this.attempt = 0;
    this.clearRetry();
    this.drop();
    this.open();
  }

  stop(): void {
    this.running = false;
    this.clearRetry();
    this.drop();
    this.setState({ kind: "stopped" });
  }

  /** Pair with the 6-digit code the bridge printed on its console; resolves once welcomed. */
  pair(code: string, label = ""): Promise<void> {
    this.pairing?.reject(new BridgeError({ code: "bad_message" }));
    this.running = true;
    this.attempt = 0;
    this.clearRetry();
    this.drop();
    return new Promise<void>((resolve, reject) => {
      this.pairing = { code, label, resolve, reject };
      this.open();
    });
  }

  /** Forget this kiosk's pairing (the bridge keeps its side until `madoguchi-bridge unpair`). */
  async forget(): Promise<void> {
    await this.store.clear();
    this.retry();
  }

  isPaired(): Promise<boolean> {
    return this.store.get().then((p) => p !== null);
  }

  request<T extends BridgeMessage>(message: Request): Promise<T> {
    const ws = this.ws;
    if (!ws || this.stateValue.kind !== "ready") {
      return Promise.reject(new BridgeError({ code: this.stateValue.kind === "not_paired" ? "not_paired" : "not_running" }));
    }
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(id);
        reject(new BridgeError({ code: "timeout" }));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (m: BridgeMessage) => void, reject, timer });
      ws.send(JSON.stringify({ ...message, id }));
    });
  }

  listDevices(): Promise<Devices> {
    return this.request<Devices>({ type: "list_devices" });
  }

  getPinStatus(reader: string): Promise<PinStatus> {
    return this.request<PinStatus>({ type: "get_pin_status", reader });
  }

  /** The PIN goes to the bridge and nowhere else; the caller should drop its copy right after. */
  readCard(args: { reader: string; pin: string; legalBasisForMyNumber?: boolean; allowLastTry?: boolean }): Promise<CardReadAnswer> {
    return this.request<CardReadAnswer>({
      type: "read_card",
      reader: args.reader,
      pin: args.pin,
      legal_basis_for_my_number: args.legalBasisForMyNumber ?? false,
      allow_last_try: args.allowLastTry ?? false,
    });
  }

  cameraOffer(camera: string, sdp: string): Promise<CameraAnswer> {
    return this.request<CameraAnswer>({ type: "camera_offer", camera, sdp });
  }

  cameraStop(camera: string): Promise<CameraStopped> {
    return this.request<CameraStopped>({ type: "camera_stop", camera });
  }

  captureStill(camera: string): Promise<Still> {
    return this.request<Still>({ type: "capture_still", camera });
  }

  /** The latest readers/cameras picture (from the welcome snapshot and the events since). */
  get devices(): Devices | null {
    return this.stateValue.kind === "ready" ? this.stateValue.devices : null;
  }

  // --- the connection ----------------------------------------------------------------------

  private open(): void {
    if (this.stateValue.kind !== "ready") this.setState({ kind: "connecting" });
    let ws: SocketLike;
    try {
      ws = this.socketFactory(this.url);
    } catch {
      this.closed(null, false);
      return;
    }
    this.ws = ws;
    let challenged = false;
    let final = false;
    this.openTimer = this.clock.setTimeout(() => {
      if (!challenged && this.ws === ws) {
        ws.close();
        this.closed(ws, false);
      }
    }, this.openTimeoutMs);
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let message: BridgeMessage;
      try {
        message = JSON.parse(String(ev.data)) as BridgeMessage;
      } catch {
        return;
      }
      if (message.type === "challenge") challenged = true;
      if (message.type === "refused") final = this.refused(message);
      else void this.handle(ws, message);
    };
    ws.onclose = () => {
      if (this.ws === ws) this.closed(ws, challenged, final);
    };
    ws.onerror = () => undefined; // onclose follows and says what to do
  }

  private async handle(ws: SocketLike, m: BridgeMessage): Promise<void> {
    switch (m.type) {
      case "challenge": {
        this.clock.clearTimeout(this.openTimer);
        if (m.protocol !== BRIDGE_PROTOCOL) {
          this.refused({ type: "refused", code: "protocol_mismatch", message_en: "", message_ja: "", protocol: m.protocol });
          ws.close();
          return;
        }
        if (this.pairing) {
          ws.send(JSON.stringify({ type: "pair", protocol: BRIDGE_PROTOCOL, code: this.pairing.code, label: this.pairing.label }));
          return;
        }
        const pairing = await this.store.get();
        if (this.ws !== ws) return;
        if (!pairing) {
          // The bridge is there; without a pairing there is nothing to say to it.
          this.running = false;
          this.setState({ kind: "not_paired" });
          this.ws = null;
          ws.close();
          return;
        }
        const proof = await helloProof(pairing.secret, m.nonce, this.origin);
        if (this.ws === ws) ws.send(JSON.stringify({ type: "hello", protocol: BRIDGE_PROTOCOL, pairing_id: pairing.pairing_id, proof }));
        return;
      }
      case "paired":
        await this.store.set({ pairing_id: m.pairing_id, secret: m.secret, paired_at: new Date().toISOString() });
        return;
      case "welcome": {
        this.attempt = 0;
        const attempt = this.pairing;
        this.pairing = null;
        this.setState({ kind: "ready", welcome: m, devices: null });
        attempt?.resolve();
        return;
      }
      case "devices":
        if (this.stateValue.kind === "ready") this.setState({ ...this.stateValue, devices: m });
        if (m.id === null) {
          this.emit(m);
          return;
        }
        break;
      case "reader_event":
        this.applyReaderEvent(m);
        this.emit(m);
        return;
    }
    if ("id" in m && m.id !== null) {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.clock.clearTimeout(p.timer);
      if (m.type === "error") p.reject(new BridgeError(m as ErrorMessage));
      else p.resolve(m);
    }
  }

  private applyReaderEvent(e: ReaderEvent): void {
    const s = this.stateValue;
    if (s.kind !== "ready" || !s.devices) return;
    let readers = s.devices.readers;
    let pcsc = s.devices.pcsc_available;
    switch (e.event) {
      case "reader_added":
        if (e.reader && !readers.some((r) => r.name === e.reader)) readers = [...readers, { name: e.reader, card_present: false }];
        break;
      case "reader_removed":
        readers = readers.filter((r) => r.name !== e.reader);
        break;
      case "card_inserted":
      case "card_removed":
        readers = readers.map((r) => (r.name === e.reader ? { ...r, card_present: e.event === "card_inserted" } : r));
        break;
      case "pcsc_down":
        pcsc = false;
        readers = [];
        break;
      case "pcsc_up":
        pcsc = true;
        void this.listDevices().catch(() => undefined);
        break;
    }
    this.setState({ ...s, devices: { ...s.devices, pcsc_available: pcsc, readers } });
  }

  /** Returns true when retrying cannot help. */
  private refused(m: Refused): boolean {
    const error = new BridgeError(m);
    const attempt = this.pairing;
    this.pairing = null;
    if (attempt) {
      // A wrong or expired code: the kiosk stays as it was (paired or not) and the operator retries.
      attempt.reject(error);
      this.running = false;
      void this.store.get().then((p) => this.setState(p ? { kind: "connecting" } : { kind: "not_paired" })).then(() => {
        if (this.stateValue.kind === "connecting") this.retry();
      });
      return true;
    }
    if (m.code === "not_paired") {
      // The bridge forgot us (unpair) or the secret is wrong: only pairing again helps.
      void this.store.clear();
      this.running = false;
      this.setState({ kind: "not_paired" });
      return true;
    }
    this.running = false;
    this.setState({ kind: "refused", code: m.code, messageEn: m.message_en, messageJa: m.message_ja });
    return true;
  }

  private closed(ws: SocketLike | null, challenged: boolean, final = false): void {
    this.clock.clearTimeout(this.openTimer);
    if (ws && this.ws !== ws) return;
    this.ws = null;
    for (const [id, p] of this.pending) {
      this.clock.clearTimeout(p.timer);
      p.reject(new BridgeError({ code: "not_running" }));
      this.pending.delete(id);
    }
    if (final) return;
    if (this.pairing && !challenged) {
      const attempt = this.pairing;
      this.pairing = null;
      attempt.reject(new BridgeError({ code: "not_running" }));
    }
    if (!challenged) this.setState({ kind: "not_running" });
    else if (this.stateValue.kind === "ready") this.setState({ kind: "connecting" });
    if (!this.running) return;
    const delay = backoffDelay(this.attempt++, this.random);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.open();
    }, delay);
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.close();
    }
    this.clock.clearTimeout(this.openTimer);
    for (const [id, p] of this.pending) {
      this.clock.clearTimeout(p.timer);
      p.reject(new BridgeError({ code: "not_running" }));
      this.pending.delete(id);
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(s: BridgeState): void {
    this.stateValue = s;
    for (const l of this.listeners) l(s);
  }

  private emit(e: BridgeEvent): void {
    for (const l of this.eventListeners) l(e);
  }
}

/** Where this kiosk's bridge listens: the default port unless the operator (or a test) set another. */
export const BRIDGE_URL_KEY = "madoguchi.bridgeUrl";

export function configuredBridgeUrl(): string {
  try {
    return globalThis.localStorage?.getItem(BRIDGE_URL_KEY) || DEFAULT_BRIDGE_URL;
  } catch {
    return DEFAULT_BRIDGE_URL;
  }
}

let shared: BridgeClient | null = null;

/** The one bridge connection of this page, started on first use (the call screen shares it). */
export function sharedBridge(): BridgeClient {
  if (!shared) {
    shared = new BridgeClient({ url: configuredBridgeUrl() });
    shared.start();
  }
  return shared;
}
