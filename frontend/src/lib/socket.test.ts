import { beforeEach, describe, expect, it } from "vitest";
import { BACKOFF, backoffDelay, ReconnectingSocket } from "./socket";
import { FakeClock, FakeSocket } from "./test-fakes";

describe("backoffDelay", () => {
  it("doubles from the first delay, up to the cap, with at most half taken off by jitter", () => {
    expect(backoffDelay(0, () => 1)).toBe(BACKOFF.firstMs);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF.firstMs * 2);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF.firstMs * 8);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(2, () => 0)).toBe(BACKOFF.firstMs * 2);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF.maxMs / 2);
  });
});

describe("ReconnectingSocket", () => {
  let clock: FakeClock;
  let sockets: FakeSocket[];
  let downs: { code: number; final: boolean; retryInMs: number | null }[];
  let messages: string[];
  const make = (heartbeat = false) =>
    new ReconnectingSocket({
      url: "ws://x/signal",
      clock,
      random: () => 1,
      factory: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      heartbeat: heartbeat ? { intervalMs: 1000, timeoutMs: 2500, ping: () => "ping" } : undefined,
      onMessage: (d) => messages.push(d),
      onDown: (d) => downs.push(d),
    });

  beforeEach(() => {
    clock = new FakeClock();
    sockets = [];
    downs = [];
    messages = [];
  });

  it("reconnects after a drop with growing delays, and starts again from the first delay once the server answers", () => {
    const ws = make();
    ws.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverCloses(1006);
    expect(downs.at(-1)).toEqual({ code: 1006, final: false, retryInMs: 500 });
    clock.advance(499);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.serverCloses(1006); // refused again
    expect(downs.at(-1)!.retryInMs).toBe(1000);
    clock.advance(1000);
    sockets[2]!.serverCloses(1006);
    expect(downs.at(-1)!.retryInMs).toBe(2000);
    clock.advance(2000);
    sockets[3]!.serverOpens();
    sockets[3]!.serverSays({ type: "welcome" });
    expect(messages).toHaveLength(1);
    sockets[3]!.serverCloses(1001);
    expect(downs.at(-1)!.retryInMs).toBe(500);
  });

  it.each([4401, 4403, 4404, 4409])("does not come back after close code %i", (code) => {
    const ws = make();
    ws.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverCloses(code);
    expect(downs).toEqual([{ code, final: true, retryInMs: null }]);
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it("treats silence as a dead connection: pings, then reconnects when nothing comes back", () => {
    const ws = make(true);
    ws.start();
    sockets[0]!.serverOpens();
    clock.advance(1000);
    expect(sockets[0]!.sent).toEqual(["ping"]);
    sockets[0]!.serverSays({ type: "pong" });
    clock.advance(2000);
    expect(downs).toHaveLength(0);
    clock.advance(2000); // 3 s of silence > 2.5 s
    expect(downs).toHaveLength(1);
    expect(sockets[0]!.closedWith).toBe(4000);
    clock.advance(500);
    expect(sockets).toHaveLength(2);
    // Late events from the abandoned socket change nothing.
    sockets[0]!.serverSays("late");
    sockets[0]!.serverCloses(1006);
    expect(messages).toEqual([JSON.stringify({ type: "pong" })]);
    expect(downs).toHaveLength(1);
  });

  it("reconnects at once when the network comes back, and not at all once stopped", () => {
    const ws = make();
    ws.start();
    sockets[0]!.serverCloses(1006);
    sockets.length = 1;
    clock.advance(500);
    sockets[1]!.serverCloses(1006); // waiting 1 s now
    ws.reconnectNow();
    expect(sockets).toHaveLength(3);
    ws.stop();
    expect(sockets[2]!.closedWith).toBe(1000);
    clock.advance(60_000);
    expect(sockets).toHaveLength(3);
    expect(ws.send("x")).toBe(false);
  });
});
