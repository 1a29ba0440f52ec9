/**
 * When to apply a waiting service-worker update: only while the kiosk sits on its welcome screen
 * and nobody has touched it for a while — never in the middle of someone's visit.
 */
export const IDLE_BEFORE_UPDATE_MS = 30_000;

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

export class UpdateGate {
  private waiting = false;
  private screen = "";
  private timer: unknown = null;
  private applied = false;

  constructor(
    private readonly apply: () => void,
    private readonly idleMs: number = IDLE_BEFORE_UPDATE_MS,
    private readonly timers: Timers = {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
    },
  ) {}

  /** The service worker says a new version is installed and waiting. */
  updateWaiting(): void {
    this.waiting = true;
    this.rearm();
  }

  /** The kiosk moved to another screen ("welcome", "selected", "enrol", ...). */
  screenChanged(screen: string): void {
    this.screen = screen;
    this.rearm();
  }

  /** Someone touched the screen or pressed a key: start the idle wait again. */
  activity(): void {
    if (this.timer !== null) this.rearm();
  }

  private rearm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (!this.waiting || this.applied || this.screen !== "welcome") return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.waiting && !this.applied && this.screen === "welcome") {
        this.applied = true;
        this.apply();
      }
    }, this.idleMs);
  }
}
