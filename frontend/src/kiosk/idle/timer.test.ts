import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleTimer } from "./timer";

describe("IdleTimer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function make() {
    const countdown: (number | null)[] = [];
    const timeout = vi.fn();
    const timer = new IdleTimer({ idleMs: 90_000, warnMs: 30_000 }, { onCountdown: (s) => countdown.push(s), onTimeout: timeout });
    return { timer, countdown, timeout };
  }

  it("warns after the quiet time, counts down each second and then times out", () => {
    const { timer, countdown, timeout } = make();
    timer.activity();
    vi.advanceTimersByTime(89_999);
    expect(countdown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(countdown).toEqual([30]);
    expect(timer.warning).toBe(true);
    vi.advanceTimersByTime(29_000);
    expect(countdown.at(-1)).toBe(1);
    expect(timeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(timeout).toHaveBeenCalledOnce();
    expect(timer.warning).toBe(false);
  });

  it("starts the quiet time again on activity, also while warning (I'm still here)", () => {
    const { timer, countdown, timeout } = make();
    timer.activity();
    vi.advanceTimersByTime(60_000);
    timer.activity();
    vi.advanceTimersByTime(60_000);
    expect(countdown).toEqual([]);
    vi.advanceTimersByTime(30_000 + 10_000);
    expect(timer.warning).toBe(true);
    timer.activity();
    expect(countdown.at(-1)).toBeNull(); // the warning closes
    vi.advanceTimersByTime(89_000);
    expect(timeout).not.toHaveBeenCalled();
  });

  it("does nothing once stopped (a screen where the kiosk must not clear itself)", () => {
    const { timer, timeout, countdown } = make();
    timer.activity();
    timer.stop();
    vi.advanceTimersByTime(600_000);
    expect(timeout).not.toHaveBeenCalled();
    expect(countdown).toEqual([]);
  });
});
