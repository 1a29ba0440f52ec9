/**
 * Chat messages not yet confirmed by the server, kept in IndexedDB so nothing typed is lost to a
 * dropped connection, a reload or a restart. A line leaves the outbox when the server echoes it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

export interface PendingChat {
  client_id: string;
  visit_id: string;
  text: string;
  created_at: number;
}

export interface Outbox {
  put(line: PendingChat): Promise<void>;
  list(visitId: string): Promise<PendingChat[]>;
  remove(clientId: string): Promise<void>;
}

interface Schema extends DBSchema {
  outbox: { key: string; value: PendingChat; indexes: { visit: string } };
}

let db: Promise<IDBPDatabase<Schema>> | null = null;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>("madoguchi-outbox", 1, {
    upgrade(d) {
      d.createObjectStore("outbox", { keyPath: "client_id" }).createIndex("visit", "visit_id");
    },
    // The kiosk's privacy wipe deletes this database: let go of it instead of blocking the delete.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      db = null;
    },
  });
  return db;
}

/** The outbox in this browser's IndexedDB. */
export const indexedDbOutbox: Outbox = {
  async put(line) {
    await (await open()).put("outbox", line);
  },
  async list(visitId) {
    const rows = await (await open()).getAllFromIndex("outbox", "visit", visitId);
    return rows.sort((a, b) => a.created_at - b.created_at);
  },
  async remove(clientId) {
    await (await open()).delete("outbox", clientId);
  },
};

/** Same contract in memory: for tests, and for a browser where IndexedDB is unavailable. */
export class MemoryOutbox implements Outbox {
  readonly rows = new Map<string, PendingChat>();
  async put(line: PendingChat) {
    this.rows.set(line.client_id, line);
  }
  async list(visitId: string) {
    return [...this.rows.values()].filter((r) => r.visit_id === visitId).sort((a, b) => a.created_at - b.created_at);
  }
  async remove(clientId: string) {
    this.rows.delete(clientId);
  }
}

/** IndexedDB when it works here, memory otherwise (a private window may refuse it). */
export async function defaultOutbox(): Promise<Outbox> {
  try {
    if (typeof indexedDB === "undefined") return new MemoryOutbox();
    await open();
    return indexedDbOutbox;
  } catch {
    db = null;
    return new MemoryOutbox();
  }
}
