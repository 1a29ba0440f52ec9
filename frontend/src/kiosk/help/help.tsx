/**
 * たすけて / Help on the kiosk: asks the server for a member of staff (every staff dashboard sees
 * it live) and follows the call until someone answers. Kept above the screens so the answer is
 * still shown when the screen changes, and re-read from the server after a reload.
 */
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";

export type HelpStatus = "idle" | "asking" | "waiting" | "answered" | "failed";

/** How often a waiting kiosk asks whether someone answered (rare, short-lived: a poll is enough). */
const POLL_MS = 4_000;

interface Help {
  status: HelpStatus;
  ask: () => Promise<void>;
}

const HelpContext = createContext<Help>({ status: "idle", ask: async () => {} });

export function HelpProvider(props: { visitId: string | null; children: ComponentChildren }) {
  const [status, setStatus] = useState<HelpStatus>("idle");
  const asking = useRef(false);

  // After a reload the call may still be open on the server: show that instead of forgetting it.
  useEffect(() => {
    api.helpState().then(
      (state) => setStatus((s) => (s === "idle" && !state.answered ? "waiting" : s)),
      () => undefined, // 404: this kiosk has not asked; offline: nothing to show yet
    );
  }, []);

  useEffect(() => {
    if (status !== "waiting") return;
    const timer = setInterval(() => {
      api.helpState().then(
        (state) => state.answered && setStatus("answered"),
        () => undefined, // offline for a moment: the call is on the server, keep waiting
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [status]);

  const value = useMemo<Help>(
    () => ({
      status,
      ask: async () => {
        if (asking.current) return; // a double tap asks once
        asking.current = true;
        setStatus("asking");
        try {
          const state = await api.askForHelp(props.visitId);
          setStatus(state.answered ? "answered" : "waiting");
        } catch {
          setStatus("failed");
        } finally {
          asking.current = false;
        }
      },
    }),
    [status, props.visitId],
  );
  return <HelpContext.Provider value={value}>{props.children}</HelpContext.Provider>;
}

export function useHelp(): Help {
  return useContext(HelpContext);
}
