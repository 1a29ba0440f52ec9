import { describe, expect, it } from "vitest";
import { FakeClock, FakeSocket } from "../test-fakes";
import { BridgeClient, BridgeError, type BridgeState } from "./client";
import { bridgeErrorKey, bridgeStateKey } from "./errors";
import { memoryPairingStore } from "./pairing";
import { helloProof } from "./proof";

const SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const NONCE = "ab".repeat(32);
const ORIGIN = "http://localhost:8000";
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(paired = true) {
  const sockets: FakeSocket[] = [];
  const clock = new FakeClock();
  const store = memoryPairingStore(paired ? { pairing_id: "p1", secret: SECRET, paired_at: "" } : null);
  const client = new BridgeClient({
    url: "ws://127.0.0.1:47321",
    origin: ORIGIN,
    store,
    clock,
    random: () => 1,
    socket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
  });
  const states: BridgeState["kind"][] = [];
  client.subscribe((s) => states.push(s.kind));
  return { client, sockets, clock, store, states, last: () => sockets[sockets.length - 1]! };
}

async function welcomed(t: ReturnType<typeof setup>) {
  t.client.start();
  t.last().serverOpens();
  t.last().serverSays({ type: "challenge", protocol: 1, nonce: NONCE });
  await tick();
  await tick();
  t.last().serverSays({ type: "welcome", protocol: 1, bridge_version: "0.1.0", card_types: ["jp-mynumber-2016"] });
  t.last().serverSays({ type: "devices", id: null, pcsc_available: true, readers: [{ name: "R", card_present: false }], cameras: [] });
}

describe("hello proof", () => {
  it("is the HMAC-SHA256 the bridge computes (device_bridge.pairing.proof)", async () => {
    // Same inputs as: python -c "from device_bridge.pairing import proof; print(proof(bytes.fromhex(SECRET), NONCE, ORIGIN))"
    expect(await helloProof(SECRET, NONCE, ORIGIN)).toBe("36ad3c6a9bc815c2a3d914586a8ed13719cdc2293c29922931f626c14b1aec55");
  });

  it("answers the challenge with the stored pairing, and is ready after welcome", async () => {
    const t = setup();
    await welcomed(t);
    const hello = JSON.parse(t.sockets[0]!.sent[0]!);
    expect(hello).toEqual({ type: "hello", protocol: 1, pairing_id: "p1", proof: await helloProof(SECRET, NONCE, ORIGIN) });
    expect(t.client.state.kind).toBe("ready");
    expect(t.client.devices?.readers).toEqual([{ name: "R", card_present: false }]);
    t.last().serverSays({ type: "reader_event", event: "card_inserted", reader: "R" });
    expect(t.client.devices?.readers).toEqual([{ name: "R", card_present: true }]);
  });
});

describe("pairing storage", () => {
  it("without a pairing says not_paired and sends nothing", async () => {
    const t = setup(false);
    t.client.start();
    t.last().serverOpens();
    t.last().serverSays({ type: "challenge", protocol: 1, nonce: NONCE });
    await tick();
    expect(t.client.state.kind).toBe("not_paired");
    expect(t.last().sent).toEqual([]);
  });

  it("pairs with the console code and keeps pairing_id and secret", async () => {
    const t = setup(false);
    const done = t.client.pair("414711", "Van 2");
    t.last().serverOpens();
    t.last().serverSays({ type: "challenge", protocol: 1, nonce: NONCE });
    await tick();
    expect(JSON.parse(t.last().sent[0]!)).toEqual({ type: "pair", protocol: 1, code: "414711", label: "Van 2" });
    t.last().serverSays({ type: "paired", pairing_id: "abcd", secret: SECRET });
    await tick();
    t.last().serverSays({ type: "welcome", protocol: 1, bridge_version: "0.1.0", card_types: [] });
    await done;
    expect(t.store.value).toMatchObject({ pairing_id: "abcd", secret: SECRET });
    expect(t.client.state.kind).toBe("ready");
  });

  it("a wrong code rejects with pairing_code_wrong and stores nothing", async () => {
    const t = setup(false);
    const done = t.client.pair("000000");
    t.last().serverOpens();
    t.last().serverSays({ type: "challenge", protocol: 1, nonce: NONCE });
    await tick();
    t.last().serverSays({ type: "refused", code: "pairing_code_wrong", message_en: "wrong", message_ja: "ちがう", protocol: 1 });
    t.last().serverCloses(1008);
    await expect(done).rejects.toMatchObject({ code: "pairing_code_wrong" });
    expect(t.store.value).toBeNull();
  });

  it("forgets a pairing the bridge no longer knows", async () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSays({ type: "challenge", protocol: 1, nonce: NONCE });
    await tick();
    await tick();
    t.last().serverSays({ type: "refused", code: "not_paired", message_en: "", message_ja: "", protocol: 1 });
    t.last().serverCloses(1008);
    await tick();
    expect(t.store.value).toBeNull();
    expect(t.client.state.kind).toBe("not_paired");
  });
});

describe("requests and errors", () => {
  it("matches answers by id and turns error into BridgeError with tries left", async () => {
    const t = setup();
    await welcomed(t);
    const read = t.client.readCard({ reader: "R", pin: "9999" });
    const sent = JSON.parse(t.last().sent[1]!);
    expect(sent).toMatchObject({ type: "read_card", reader: "R", pin: "9999", legal_basis_for_my_number: false, allow_last_try: false });
    t.last().serverSays({ type: "error", id: sent.id, code: "pin_wrong", message_en: "", message_ja: "", tries_left: 1, pin_state: "last_try" });
    const err = (await read.catch((e) => e)) as BridgeError;
    expect(err).toBeInstanceOf(BridgeError);
    expect([err.code, err.triesLeft, err.pinState]).toEqual(["pin_wrong", 1, "last_try"]);
  });

  it("says not running when nothing answers, and tries again with backoff", () => {
    const t = setup();
    t.client.start();
    t.last().serverCloses(1006);
    expect(t.client.state.kind).toBe("not_running");
    expect(t.sockets).toHaveLength(1);
    t.clock.advance(500);
    expect(t.sockets).toHaveLength(2);
  });

  it("rejects pending requests when the bridge goes away", async () => {
    const t = setup();
    await welcomed(t);
    const status = t.client.getPinStatus("R");
    t.last().serverCloses(1006);
    await expect(status).rejects.toMatchObject({ code: "not_running" });
    expect(t.client.state.kind).toBe("connecting");
  });

  it("maps every code a citizen can meet to the kiosk's own words", () => {
    const key = (code: string) => bridgeErrorKey(new BridgeError({ code }));
    expect(key("pin_locked")).toBe("bridge.error.pinLocked");
    expect(key("card_not_supported")).toBe("bridge.error.notMyNumberCard");
    expect(key("pairing_closed")).toBe("bridge.error.codeExpired");
    expect(key("pairing_code_wrong")).toBe("bridge.error.codeWrong");
    expect(key("something_new")).toBe("bridge.error.cardError");
    expect(bridgeErrorKey(new Error("x"))).toBe("bridge.error.notRunning");
    expect(bridgeStateKey({ kind: "not_running" })).toBe("bridge.error.notRunning");
    expect(bridgeStateKey({ kind: "not_paired" })).toBe("bridge.error.notPaired");
  });
});
