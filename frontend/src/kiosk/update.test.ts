import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UpdateGate } from "./update";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("UpdateGate", () => {
  it("applies a waiting update after the welcome screen has been idle", () => {
    const apply = vi.fn();
    const gate = new UpdateGate(apply, 1000);
    gate.screenChanged("welcome");
    gate.updateWaiting();
    vi.advanceTimersByTime(999);
    expect(apply).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(apply).toHaveBeenCalledOnce();
  });

  it("never applies in the middle of a visit", () => {
    const apply = vi.fn();
    const gate = new UpdateGate(apply, 1000);
    gate.screenChanged("selected");
    gate.updateWaiting();
    vi.advanceTimersByTime(60_000);
    expect(apply).not.toHaveBeenCalled();
  });

  it("waits for the kiosk to come back to the welcome screen", () => {
    const apply = vi.fn();
    const gate = new UpdateGate(apply, 1000);
    gate.screenChanged("welcome");
    gate.updateWaiting();
    vi.advanceTimersByTime(500);
    gate.screenChanged("selected"); // someone started a visit
    vi.advanceTimersByTime(5000);
    expect(apply).not.toHaveBeenCalled();
    gate.screenChanged("welcome");
    vi.advanceTimersByTime(1000);
    expect(apply).toHaveBeenCalledOnce();
  });

  it("restarts the idle wait on every touch", () => {
    const apply = vi.fn();
    const gate = new UpdateGate(apply, 1000);
    gate.screenChanged("welcome");
    gate.updateWaiting();
    vi.advanceTimersByTime(800);
    gate.activity();
    vi.advanceTimersByTime(800);
    expect(apply).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(apply).toHaveBeenCalledOnce();
  });

  it("does nothing when no update is waiting", () => {
    const apply = vi.fn();
    const gate = new UpdateGate(apply, 1000);
    gate.screenChanged("welcome");
    gate.activity();
    vi.advanceTimersByTime(10_000);
    expect(apply).not.toHaveBeenCalled();
  });
});
