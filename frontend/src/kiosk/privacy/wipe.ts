/**
 * The privacy wipe of a shared kiosk: after a visit ends, or when nobody is using it, nothing of
 * the citizen may stay on the device. Everything stored is removed except what describes the
 * device itself (its pairing with the card-reader bridge, the bridge's address) and the app's own
 * code and public catalogue in the service worker's caches. Unknown stores are removed, so a store
 * added later is wiped without anyone remembering to list it here.
 */
import { BRIDGE_URL_KEY } from "../../lib/bridge/client";
import { PAIRING_DATABASE } from "../../lib/bridge/pairing";

/** workbox-expiration: the service worker's dates of the cached public catalogue (it keeps it open). */
const DEVICE_DATABASES = new Set([PAIRING_DATABASE, "workbox-expiration"]);
/** A delete held up by a connection outside this page must not stop the kiosk from starting afresh. */
const BLOCKED_GRACE_MS = 3_000;
const DEVICE_STORAGE_KEYS = new Set([BRIDGE_URL_KEY]);
/** Workbox's precache holds the app's code; "catalogue" the public list of services. */
const DEVICE_CACHE = /^(workbox-precache|catalogue$)/;

export interface WipeTargets {
  indexedDB?: Pick<IDBFactory, "databases" | "deleteDatabase">;
  localStorage?: Storage;
  sessionStorage?: Storage;
  caches?: CacheStorage;
}

export async function wipePersonalData(targets: WipeTargets = globalTargets()): Promise<void> {
  await Promise.all([wipeDatabases(targets.indexedDB), wipeCaches(targets.caches)]);
  if (targets.localStorage) wipeStorage(targets.localStorage);
  targets.sessionStorage?.clear();
}

async function wipeDatabases(factory: WipeTargets["indexedDB"]): Promise<void> {
  if (!factory?.databases) return;
  const names = (await factory.databases()).map((d) => d.name).filter((n): n is string => !!n);
  await Promise.all(names.filter((name) => !DEVICE_DATABASES.has(name)).map((name) => deleteDatabase(factory, name)));
}

/**
 * Our own open connections get a versionchange event and close (see outbox.ts), then the delete
 * ends. If something else still holds the database, the delete stays queued in the browser and
 * finishes when that lets go; the kiosk does not wait for it longer than a moment.
 */
function deleteDatabase(factory: Pick<IDBFactory, "deleteDatabase">, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    request.onblocked = () => setTimeout(resolve, BLOCKED_GRACE_MS);
  });
}

async function wipeCaches(storage: CacheStorage | undefined): Promise<void> {
  if (!storage) return;
  const names = await storage.keys();
  await Promise.all(names.filter((name) => !DEVICE_CACHE.test(name)).map((name) => storage.delete(name)));
}

function wipeStorage(storage: Storage): void {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null);
  for (const key of keys) if (!DEVICE_STORAGE_KEYS.has(key)) storage.removeItem(key);
}

function globalTargets(): WipeTargets {
  return {
    indexedDB: typeof indexedDB === "undefined" ? undefined : indexedDB,
    localStorage: safe(() => globalThis.localStorage),
    sessionStorage: safe(() => globalThis.sessionStorage),
    caches: typeof caches === "undefined" ? undefined : caches,
  };
}

/** Storage access throws in some private modes; then there is nothing stored to wipe. */
function safe<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
