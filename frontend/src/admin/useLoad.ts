import { useCallback, useEffect, useState } from "preact/hooks";

export type Loaded<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "failed"; error: unknown };

/** Loads once on mount; reload() re-reads from the server (the database is the source of truth). */
export function useLoad<T>(load: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const reload = useCallback(async () => {
    try {
      setState({ status: "ready", data: await load() });
    } catch (error) {
      setState({ status: "failed", error });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
