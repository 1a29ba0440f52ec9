/** The call as a Preact hook: one Call per visit, started on mount, stopped on unmount. */
import { useEffect, useRef, useState } from "preact/hooks";
import { Call, type CallOptions, type CallView } from "./call";
import { defaultOutbox } from "./outbox";

export function useCall(
  role: CallOptions["role"],
  visitId: string,
  media: CallOptions["media"],
): { view: CallView | null; call: Call | null } {
  const [view, setView] = useState<CallView | null>(null);
  const call = useRef<Call | null>(null);
  useEffect(() => {
    let live = true;
    void defaultOutbox().then((outbox) => {
      if (!live) return;
      const c = new Call({ role, visitId, outbox, media, onChange: (next) => live && setView(next) });
      call.current = c;
      void c.start();
    });
    return () => {
      live = false;
      call.current?.stop();
      call.current = null;
    };
  }, [visitId]);
  return { view, call: call.current };
}
