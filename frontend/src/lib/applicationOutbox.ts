/**
 * What was said about an application but not yet acknowledged by the server — the citizen's
 * confirmations, "Not right", consent and signature on the kiosk, the clerk's typed values in the
 * editor — kept in IndexedDB so a dropped connection, a reload or a restart loses none of it.
 * A row leaves only when the server has answered for exactly that row (a newer action on the same
 * thing, made while the older one was on its way, stays and is sent next).
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { ApiProblem } from "./api";
import type { ApplicationView, SignatureBody } from "./applications";

export type PendingAction =
  | { kind: "confirm"; section_id: string; content_hash: string }
  | { kind: "dispute"; section_id: string }
  | { kind: "consent"; card_prefill: boolean }
  | { kind: "signature"; signature: SignatureBody }
  | { kind: "edit"; values: Record<string, string> };

export interface PendingRow {
  /** One row per thing: a section's latest answer replaces the earlier one. */
  key: string;
  /** The visit (kiosk) or the application (clerk) the row belongs to. */
  scope: string;
  action: PendingAction;
  created_at: number;
}

export interface PendingStore {
  put(row: PendingRow): Promise<void>;
  get(key: string): Promise<PendingRow | undefined>;
  list(scope: string): Promise<PendingRow[]>;
  delete(key: string): Promise<void>;
}

export function keyOf(scope: string, action: PendingAction): string {
  switch (action.kind) {
    case "confirm":
    case "dispute":
      return `${scope}:section:${action.section_id}`;
    default:
      return `${scope}:${action.kind}`;
  }
}

let clock = 0;
/** Strictly increasing, so two actions in the same millisecond still have an order. */
function stamp(): number {
  clock = Math.max(clock + 1, Date.now());
  return clock;
}

/** Keeps an action until the server has it; edits to the same application merge field by field. */
export async function keep(store: PendingStore, scope: string, action: PendingAction): Promise<PendingRow> {
  const key = keyOf(scope, action);
  let merged = action;
  if (action.kind === "edit") {
    const before = await store.get(key);
    if (before?.action.kind === "edit") merged = { kind: "edit", values: { ...before.action.values, ...action.values } };
  }
  const row: PendingRow = { key, scope, action: merged, created_at: stamp() };
  await store.put(row);
  return row;
}

/** Removes the row only if it is still the one that was sent. */
export async function acknowledge(store: PendingStore, row: PendingRow): Promise<void> {
  const now = await store.get(row.key);
  if (now && now.created_at === row.created_at) await store.delete(row.key);
}

export interface FlushResult {
  /** The newest application view the server sent back, if anything was sent. */
  view: ApplicationView | null;
  /** Still waiting: the server could not be reached (or had trouble); try again later. */
  waiting: boolean;
  /** Refused for good (the content changed, the form was submitted…): dropped, with the reason. */
  refused: { row: PendingRow; problem: ApiProblem }[];
}

/** Whether trying again later can help: no answer at all, or trouble on the server's side. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiProblem)) return true;
  return e.isNetwork || e.status >= 500 || e.status === 429 || e.status === 408;
}

/**
 * Sends the scope's rows oldest first. Stops at the first row the server cannot take now (kept
 * for the next try); a row the server refuses for good is dropped and reported.
 */
export async function flush(
  store: PendingStore,
  scope: string,
  send: (action: PendingAction) => Promise<ApplicationView>,
): Promise<FlushResult> {
  const result: FlushResult = { view: null, waiting: false, refused: [] };
  for (const row of await store.list(scope)) {
    try {
      result.view = await send(row.action);
      await acknowledge(store, row);
    } catch (e) {
      if (isTransient(e)) {
        result.waiting = true;
        break;
      }
      result.refused.push({ row, problem: e as ApiProblem });
      await acknowledge(store, row);
    }
  }
  return result;
}

interface Schema extends DBSchema {
  pending: { key: string; value: PendingRow; indexes: { scope: string } };
}

let db: Promise<IDBPDatabase<Schema>> | null = null;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>("madoguchi-applications", 1, {
    upgrade(d) {
      d.createObjectStore("pending", { keyPath: "key" }).createIndex("scope", "scope");
    },
    // The kiosk's privacy wipe deletes this database after a visit: let go instead of blocking it.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      db = null;
    },
  });
  return db;
}

export const indexedDbPending: PendingStore = {
  async put(row) {
    await (await open()).put("pending", row);
  },
  async get(key) {
    return (await open()).get("pending", key);
  },
  async list(scope) {
    const rows = await (await open()).getAllFromIndex("pending", "scope", scope);
    return rows.sort((a, b) => a.created_at - b.created_at);
  },
  async delete(key) {
    await (await open()).delete("pending", key);
  },
};

/** Same contract in memory: for tests, and for a browser that refuses IndexedDB. */
export class MemoryPending implements PendingStore {
  readonly rows = new Map<string, PendingRow>();
  async put(row: PendingRow) {
    this.rows.set(row.key, structuredClone(row));
  }
  async get(key: string) {
    const row = this.rows.get(key);
    return row && structuredClone(row);
  }
  async list(scope: string) {
    return [...this.rows.values()].filter((r) => r.scope === scope).sort((a, b) => a.created_at - b.created_at);
  }
  async delete(key: string) {
    this.rows.delete(key);
  }
}

let chosen: Promise<PendingStore> | null = null;

/** IndexedDB when it works here, memory otherwise (a private window may refuse it). */
export function pendingStore(): Promise<PendingStore> {
  chosen ??= (async () => {
    try {
      if (typeof indexedDB === "undefined") return new MemoryPending();
      await open();
      return indexedDbPending;
    } catch {
      db = null;
      return new MemoryPending();
    }
  })();
  return chosen;
}
