/** The kiosk's pairing with its bridge (pairing_id + secret), kept in IndexedDB across restarts. */
import { openDB } from "idb";

export interface Pairing {
  pairing_id: string;
  secret: string; // hex
  paired_at: string;
}

export interface PairingStore {
  get(): Promise<Pairing | null>;
  set(p: Pairing): Promise<void>;
  clear(): Promise<void>;
}

/** Device configuration, not personal data: the kiosk's privacy wipe keeps it. */
export const PAIRING_DATABASE = "madoguchi-bridge";
const DB = PAIRING_DATABASE;
const STORE = "pairing";
const KEY = "current";

/** IndexedDB: the secret never goes to localStorage (readable by any script as a string dump). */
export function indexedDbPairingStore(): PairingStore {
  const db = () => openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE) });
  return {
    async get() {
      const value = (await (await db()).get(STORE, KEY)) as Pairing | undefined;
      return value && typeof value.pairing_id === "string" && typeof value.secret === "string" ? value : null;
    },
    async set(p) {
      await (await db()).put(STORE, p, KEY);
    },
    async clear() {
      await (await db()).delete(STORE, KEY);
    },
  };
}

export function memoryPairingStore(initial: Pairing | null = null): PairingStore & { value: Pairing | null } {
  const s = {
    value: initial,
    get: async () => s.value,
    set: async (p: Pairing) => {
      s.value = p;
    },
    clear: async () => {
      s.value = null;
    },
  };
  return s;
}
