import { describe, expect, it } from "vitest";
import { wipePersonalData } from "./wipe";

class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
  keys() {
    return [...this.map.keys()];
  }
}

function fakeDatabases(names: string[]) {
  const left = new Set(names);
  return {
    left,
    databases: async () => [...left].map((name) => ({ name, version: 1 })),
    deleteDatabase(name: string) {
      const request = {} as IDBOpenDBRequest;
      queueMicrotask(() => {
        left.delete(name);
        request.onsuccess?.call(request, new Event("success"));
      });
      return request;
    },
  };
}

function fakeCaches(names: string[]) {
  const left = new Set(names);
  return { left, storage: { keys: async () => [...left], delete: async (n: string) => left.delete(n) } as unknown as CacheStorage };
}

describe("wipePersonalData", () => {
  it("removes every store of a visit and keeps only what describes the device", async () => {
    const idb = fakeDatabases(["madoguchi-outbox", "madoguchi-applications", "madoguchi-bridge", "workbox-expiration", "something-new"]);
    const cache = fakeCaches(["workbox-precache-v2-http://kiosk/", "catalogue", "receipts", "api"]);
    const local = new MapStorage();
    local.setItem("madoguchi.bridgeUrl", "ws://127.0.0.1:8765");
    local.setItem("madoguchi.kioskLang", "vi");
    local.setItem("draft", "山田 花子");
    const session = new MapStorage();
    session.setItem("furigana", "off");

    await wipePersonalData({ indexedDB: idb, caches: cache.storage, localStorage: local, sessionStorage: session });

    expect([...idb.left]).toEqual(["madoguchi-bridge", "workbox-expiration"]);
    expect([...cache.left].sort()).toEqual(["catalogue", "workbox-precache-v2-http://kiosk/"]);
    expect(local.keys()).toEqual(["madoguchi.bridgeUrl"]);
    expect(session.length).toBe(0);
  });

  it("works where a store is missing (private window, no service worker)", async () => {
    await expect(wipePersonalData({})).resolves.toBeUndefined();
  });
});
