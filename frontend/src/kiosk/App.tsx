import { useEffect, useState } from "preact/hooks";
import { ApiProblem, api } from "../lib/api";
import type { Provider, Service } from "../lib/protocol.gen";
import { Enrol } from "./screens/Enrol";
import { Loading } from "./screens/Loading";
import { Selected } from "./screens/Selected";
import { Welcome } from "./screens/Welcome";

export type Screen =
  | { name: "loading" }
  | { name: "enrol"; revoked?: boolean }
  | { name: "welcome" }
  | { name: "selected"; service: Service; provider: Provider };

/** The kiosk: enrol once, then welcome → choose a service → (the visit, in a later issue). */
export function App(props: { onScreen?: (name: Screen["name"]) => void }) {
  const [screen, setScreen] = useState<Screen>({ name: "loading" });

  useEffect(() => props.onScreen?.(screen.name), [screen.name]);

  useEffect(() => {
    api.terminalMe().then(
      () => setScreen({ name: "welcome" }),
      // Offline: the shell and catalogue come from the service worker's cache, so carry on.
      (e) => setScreen(isLockedOut(e) ? { name: "enrol" } : { name: "welcome" }),
    );
  }, []);

  /** Any API answer saying this terminal is not (or no longer) enrolled sends it back here. */
  const lockedOut = () => setScreen({ name: "enrol", revoked: true });

  /** The hook the visit flow will take over: today it shows what was chosen. */
  const onChooseService = (service: Service, provider: Provider) =>
    setScreen({ name: "selected", service, provider });

  switch (screen.name) {
    case "loading":
      return <Loading />;
    case "enrol":
      return <Enrol revoked={screen.revoked} onEnrolled={() => setScreen({ name: "welcome" })} />;
    case "welcome":
      return <Welcome onChooseService={onChooseService} onLockedOut={lockedOut} />;
    case "selected":
      return <Selected service={screen.service} provider={screen.provider} onBack={() => setScreen({ name: "welcome" })} />;
  }
}

export function isLockedOut(e: unknown): boolean {
  return e instanceof ApiProblem && (e.status === 401 || e.status === 403);
}
