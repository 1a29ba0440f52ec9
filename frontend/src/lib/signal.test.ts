import { beforeEach, describe, expect, it } from "vitest";
import { MemoryOutbox } from "./outbox";
import { SignalClient, signalUrl, type GoneReason, type SignalState } from "./signal";
import { FakeClock, FakeSocket } from "./test-fakes";

const visit = (status: string) => ({
  id: "v1", service_id: "s", service_name: { ja: "相談" }, ticket: "001", status, language: "ja",
  queued_at: "2026-01-01T00:00:00Z", position: null, estimated_wait_minutes: null, staff_name: null,
  outcome: null, handed_over: false,
});
const welcome = (status: string, chat: object[] = []) => ({
  type: "welcome", protocol_version: 1, role: "citizen", visit: visit(status), ice_servers: [], chat,
});
const line = (id: number, client_id: string, text: string) => ({
  type: "chat_line", id, client_id, sender: "citizen", text, sent_at: "2026-01-01T00:00:00Z",
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("SignalClient", () => {
  let clock: FakeClock;
  let sockets: FakeSocket[];
  let outbox: MemoryOutbox;
  let states: [SignalState, GoneReason | undefined][];
  let ids: number;
  const client = () =>
    new SignalClient({
      visitId: "v1",
      role: "citizen",
      url: "ws://x/api/visits/v1/signal?role=citizen",
      outbox,
      clock,
      random: () => 1,
      newId: () => `c-${++ids}`,
      factory: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onMessage: () => {},
      onState: (s, g) => states.push([s, g]),
    });
  const chats = (s: FakeSocket) => s.sent.map((x) => JSON.parse(x)).filter((m) => m.type === "chat");

  beforeEach(() => {
    clock = new FakeClock();
    sockets = [];
    outbox = new MemoryOutbox();
    states = [];
    ids = 0;
  });

  it("builds the signaling URL for each role", () => {
    expect(signalUrl("a b", "staff", { protocol: "https:", host: "h" })).toBe("wss://h/api/visits/a%20b/signal?role=staff");
    expect(signalUrl("v", "citizen", { protocol: "http:", host: "localhost:8000" })).toBe(
      "ws://localhost:8000/api/visits/v/signal?role=citizen",
    );
  });

  it("keeps a line typed while disconnected and sends it after the reconnect, until the server echoes it", async () => {
    const c = client();
    await c.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverSays(welcome("in_call"));
    sockets[0]!.serverCloses(1006);
    expect(states.map((s) => s[0])).toEqual(["open", "down"]);

    await c.chat("音が聞こえません");
    expect([...outbox.rows.keys()]).toEqual(["c-1"]);
    clock.advance(500);
    sockets[1]!.serverOpens();
    expect(chats(sockets[1]!)).toEqual([]); // not before the welcome
    sockets[1]!.serverSays(welcome("in_call"));
    expect(chats(sockets[1]!)).toEqual([{ type: "chat", client_id: "c-1", text: "音が聞こえません" }]);
    expect(outbox.rows.size).toBe(1); // still kept: no receipt yet
    sockets[1]!.serverSays(line(7, "c-1", "音が聞こえません"));
    await flush();
    expect(outbox.rows.size).toBe(0);
  });

  it("does not send a line twice when the server got it before the drop (it is in the welcome's history)", async () => {
    const c = client();
    await c.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverSays(welcome("in_call"));
    await c.chat("こんにちは");
    expect(chats(sockets[0]!)).toHaveLength(1);
    sockets[0]!.serverCloses(1006); // the receipt was lost with the connection
    clock.advance(500);
    sockets[1]!.serverOpens();
    sockets[1]!.serverSays(welcome("in_call", [line(3, "c-1", "こんにちは")]));
    expect(chats(sockets[1]!)).toEqual([]);
    await flush();
    expect(outbox.rows.size).toBe(0);
  });

  it("waits for the call to start before sending lines, and picks up an earlier page's outbox", async () => {
    await outbox.put({ client_id: "old", visit_id: "v1", text: "前のページで書いた", created_at: 1 });
    await outbox.put({ client_id: "other", visit_id: "v2", text: "別の受付", created_at: 2 });
    const c = client();
    const pending: string[][] = [];
    (c as unknown as { opts: { onPending: (p: { client_id: string }[]) => void } }).opts.onPending = (p) =>
      pending.push(p.map((x) => x.client_id));
    await c.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverSays(welcome("waiting"));
    expect(chats(sockets[0]!)).toEqual([]);
    sockets[0]!.serverSays({ type: "visit_changed", visit: visit("in_call") });
    expect(chats(sockets[0]!)).toEqual([{ type: "chat", client_id: "old", text: "前のページで書いた" }]);
    expect(pending[0]).toEqual(["old"]);
  });

  it("answers 'replaced' with no reconnect when a newer page took over (4409)", async () => {
    const c = client();
    await c.start();
    sockets[0]!.serverOpens();
    sockets[0]!.serverCloses(4409);
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(states).toEqual([["gone", "replaced"]]);
    expect(c.send({ type: "hang_up" })).toBe(false);
  });

  it("sends signaling only once welcomed", async () => {
    const c = client();
    await c.start();
    sockets[0]!.serverOpens();
    expect(c.send({ type: "restart_request" })).toBe(false);
    sockets[0]!.serverSays(welcome("in_call"));
    expect(c.send({ type: "restart_request" })).toBe(true);
  });
});
