import { describe, expect, it } from "vitest";
import { ApiProblem } from "./api";
import type { ApplicationView } from "./applications";
import { acknowledge, flush, isTransient, keep, keyOf, MemoryPending, type PendingAction } from "./applicationOutbox";

const view = { id: "a1" } as ApplicationView;
const confirm = (section_id: string, content_hash = "h".repeat(64)): PendingAction => ({ kind: "confirm", section_id, content_hash });

describe("application outbox", () => {
  it("keeps one row per section: the latest answer replaces the earlier one", async () => {
    const store = new MemoryPending();
    await keep(store, "v1", confirm("customer"));
    await keep(store, "v1", { kind: "dispute", section_id: "customer" });
    await keep(store, "v1", confirm("address"));
    const rows = await store.list("v1");
    expect(rows.map((r) => r.action.kind)).toEqual(["dispute", "confirm"]);
    expect(rows[0]!.key).toBe(keyOf("v1", confirm("customer")));
    expect(await store.list("v2")).toEqual([]);
  });

  it("merges the clerk's typed values field by field", async () => {
    const store = new MemoryPending();
    await keep(store, "a1", { kind: "edit", values: { name: "笠間" } });
    await keep(store, "a1", { kind: "edit", values: { name: "笠間 太郎", postal_code: "309" } });
    const [row] = await store.list("a1");
    expect(row!.action).toEqual({ kind: "edit", values: { name: "笠間 太郎", postal_code: "309" } });
  });

  it("an acknowledgement removes only the row that was sent, not a newer one", async () => {
    const store = new MemoryPending();
    const sent = await keep(store, "a1", { kind: "edit", values: { name: "笠" } });
    await keep(store, "a1", { kind: "edit", values: { name: "笠間" } });
    await acknowledge(store, sent);
    expect((await store.list("a1")).map((r) => r.action)).toEqual([{ kind: "edit", values: { name: "笠間" } }]);
  });

  it("sends oldest first and stops at a network failure, keeping the rest for later", async () => {
    const store = new MemoryPending();
    await keep(store, "v1", confirm("customer"));
    await keep(store, "v1", confirm("address"));
    const sent: string[] = [];
    const result = await flush(store, "v1", async (a) => {
      if (a.kind === "confirm" && a.section_id === "address") throw new ApiProblem({ status: 0, title: "network" });
      sent.push(a.kind === "confirm" ? a.section_id : a.kind);
      return view;
    });
    expect(sent).toEqual(["customer"]);
    expect(result).toMatchObject({ view, waiting: true, refused: [] });
    expect((await store.list("v1")).map((r) => r.action)).toEqual([confirm("address")]);

    const again = await flush(store, "v1", async () => view);
    expect(again.waiting).toBe(false);
    expect(await store.list("v1")).toEqual([]);
  });

  it("drops what the server refuses for good (the section changed) and says so", async () => {
    const store = new MemoryPending();
    await keep(store, "v1", confirm("customer"));
    await keep(store, "v1", { kind: "consent", card_prefill: true });
    const changed = new ApiProblem({ status: 409, detail: "This section changed while you were reading it." });
    const result = await flush(store, "v1", async (a) => {
      if (a.kind === "confirm") throw changed;
      return view;
    });
    expect(result.refused.map((r) => r.problem)).toEqual([changed]);
    expect(result.view).toBe(view);
    expect(await store.list("v1")).toEqual([]);
  });

  it("tells a passing trouble from a refusal", () => {
    expect(isTransient(new ApiProblem({ status: 0 }))).toBe(true);
    expect(isTransient(new ApiProblem({ status: 503 }))).toBe(true);
    expect(isTransient(new Error("offline"))).toBe(true);
    expect(isTransient(new ApiProblem({ status: 409 }))).toBe(false);
    expect(isTransient(new ApiProblem({ status: 422 }))).toBe(false);
  });
});
