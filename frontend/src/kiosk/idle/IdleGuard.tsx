/**
 * The kiosk's idle timeout. Screens say whether it applies to them (see Frame's `idle`): a
 * finished visit always clears itself; the welcome screen only once someone has touched it (an
 * untouched kiosk has nothing to clear); waiting in line and the call never time out.
 */
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { IdleWarning } from "../../ui/idle-warning/IdleWarning";
import { IdleTimer, KIOSK_IDLE, type IdleTimes } from "./timer";

export type IdleMode = "always" | "after-touch";

type Register = (mode: IdleMode) => () => void;
const IdleContext = createContext<Register>(() => () => {});

const ACTIVITY = ["pointerdown", "keydown", "input", "wheel"] as const;

export function IdleGuard(props: { onTimeout: () => void; times?: IdleTimes; children: ComponentChildren }) {
  const [modes, setModes] = useState<IdleMode[]>([]);
  const [touched, setTouched] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const onTimeout = useRef(props.onTimeout);
  onTimeout.current = props.onTimeout;
  const timer = useMemo(
    () => new IdleTimer(props.times ?? KIOSK_IDLE, { onCountdown: setSecondsLeft, onTimeout: () => onTimeout.current() }),
    [],
  );
  const applies = modes.includes("always") || (touched && modes.includes("after-touch"));

  useEffect(() => {
    const onActivity = () => {
      setTouched(true);
      if (applies) timer.activity();
    };
    for (const type of ACTIVITY) addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) removeEventListener(type, onActivity, { capture: true });
    };
  }, [applies]);

  useEffect(() => {
    if (!applies) return;
    timer.activity();
    return () => timer.stop();
  }, [applies]);

  const register = useMemo<Register>(
    () => (mode) => {
      setModes((m) => [...m, mode]);
      return () =>
        setModes((m) => {
          const i = m.indexOf(mode);
          return i < 0 ? m : [...m.slice(0, i), ...m.slice(i + 1)];
        });
    },
    [],
  );

  return (
    <IdleContext.Provider value={register}>
      {props.children}
      {secondsLeft !== null && <IdleWarning secondsLeft={secondsLeft} onStay={() => timer.activity()} />}
    </IdleContext.Provider>
  );
}

/** A screen on which the kiosk may clear itself when left alone. */
export function useIdle(mode: IdleMode | undefined): void {
  const register = useContext(IdleContext);
  useEffect(() => (mode ? register(mode) : undefined), [mode]);
}
