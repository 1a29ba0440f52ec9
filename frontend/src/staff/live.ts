/** The staff dashboard's live queue: a CounterQueue snapshot on connect and after every change. */
import { useEffect, useState } from "preact/hooks";
import { api, UNAUTHORIZED_EVENT } from "../lib/api";
import type { CounterQueue } from "../lib/protocol.gen";
import { ReconnectingSocket } from "../lib/socket";

export function liveUrl(location: { protocol: string; host: string } = globalThis.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/staff/live`;
}

/** The queue as the server last said it; `live` is false while the socket is reconnecting. */
export function useCounterQueue() {
  const [queue, setQueue] = useState<CounterQueue | null>(null);
  const [live, setLive] = useState(true);
  useEffect(() => {
    const socket = new ReconnectingSocket({
      url: () => liveUrl(),
      onMessage: (data) => {
        setLive(true);
        setQueue(JSON.parse(data) as CounterQueue);
      },
      onDown: ({ code, final }) => {
        setLive(false);
        // The session ended: the app goes back to sign-in, saying why.
        if (final && code === 4401) dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: { path: "/api/staff/live" } }));
      },
    });
    socket.start();
    const online = () => socket.reconnectNow();
    addEventListener("online", online);
    return () => {
      removeEventListener("online", online);
      socket.stop();
    };
  }, []);
  /** An answer from an HTTP call (accept, availability) is newer than the last snapshot. */
  const refresh = async () => setQueue(await api.counterQueue());
  return { queue, setQueue, live, refresh };
}
