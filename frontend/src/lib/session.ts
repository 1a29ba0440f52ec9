/** Who is signed in (staff and admin apps): read once from /api/me, re-read after sign-in. */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiProblem, UNAUTHORIZED_EVENT, api } from "./api";
import type { Me } from "./protocol.gen";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; expired?: boolean }
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
  useEffect(() => {
    // The session ended while the page was open: back to the sign-in screen, saying why.
    const onUnauthorized = () =>
      setState((s) => (s.status === "signed-in" ? { status: "signed-out", expired: true } : s));
    addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);
  return {
    state,
    reload,
    signedIn: (me: Me) => setState({ status: "signed-in", me }),
    signedOut: () => setState({ status: "signed-out" }),
  };
}
