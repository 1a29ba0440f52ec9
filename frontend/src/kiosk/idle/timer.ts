/**
 * When a kiosk left alone asks "are you still there?" and when it clears itself. Plain timers, so
 * it is tested with fake clocks (vitest here, Playwright's clock in the browser tests).
 */
export interface IdleTimes {
  /** Quiet time before the warning appears. */
  idleMs: number;
  /** How long the warning waits for "I'm still here" (WCAG 2.2.1 asks for at least 20 s). */
  warnMs: number;
}

export const KIOSK_IDLE: IdleTimes = { idleMs: 90_000, warnMs: 30_000 };

export interface IdleEvents {
  /** Seconds left while the warning shows (first call opens it); null when it closes. */
  onCountdown: (secondsLeft: number | null) => void;
  onTimeout: () => void;
}

export class IdleTimer {
  private quiet: ReturnType<typeof setTimeout> | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private deadline = 0;

  constructor(
    private readonly times: IdleTimes,
    private readonly events: IdleEvents,
  ) {}

  get warning(): boolean {
    return this.tick !== null;
  }

  /** Any touch or key press, including "I'm still here": the quiet time starts again. */
  activity(): void {
    this.stop();
    this.quiet = setTimeout(() => this.warn(), this.times.idleMs);
  }

  stop(): void {
    if (this.quiet !== null) clearTimeout(this.quiet);
    if (this.tick !== null) {
      clearInterval(this.tick);
      this.events.onCountdown(null);
    }
    this.quiet = this.tick = null;
  }

  private warn(): void {
    this.quiet = null;
    this.deadline = Date.now() + this.times.warnMs;
    this.events.onCountdown(Math.ceil(this.times.warnMs / 1000));
    this.tick = setInterval(() => {
      const left = this.deadline - Date.now();
      if (left > 0) return this.events.onCountdown(Math.ceil(left / 1000));
      clearInterval(this.tick!);
      this.tick = null;
      this.events.onTimeout();
    }, 1000);
  }
}
