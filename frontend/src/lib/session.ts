/** Who is signed in (staff and admin apps): read once from /api/me, re-read after sign-in. */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiProblem, api } from "./api";
import type { Me } from "./protocol.gen";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; me: Me }
  | { status: "error"; error: unknown };

export function useSession() {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const reload = useCallback(async () => {
    try {
      setState({ status: "signed-in", me: await api.me() });
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 401) setState({ status: "signed-out" });
      else setState({ status: "error", error: e });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return {
    state,
    reload,
    signedIn: (me: Me) => setState({ status: "signed-in", me }),
    signedOut: () => setState({ status: "signed-out" }),
  };
}
