import { useEffect, useState } from "preact/hooks";
import { ApiProblem, api } from "../lib/api";
import { useI18n } from "../lib/i18n";
import type { Service, Visit } from "../lib/protocol.gen";
import { Enrol } from "./screens/Enrol";
import { Loading } from "./screens/Loading";
import { VisitScreen } from "./screens/Visit";
import { Welcome } from "./screens/Welcome";
import { Setup } from "./setup/Setup";
import { receiptFromHash, StatusPage } from "./application/StatusPage";
import { HelpProvider } from "./help/help";
import { IdleGuard } from "./idle/IdleGuard";
import { wipePersonalData } from "./privacy/wipe";

export type Screen =
  | { name: "loading" }
  | { name: "enrol"; revoked?: boolean }
  | { name: "welcome"; failed?: boolean }
  | { name: "visit"; visit: Visit };

/** The kiosk: enrol once, then welcome → choose a service → the visit (waiting, call, end). */
export function App(props: { onScreen?: (name: Screen["name"]) => void }) {
  const [screen, setScreen] = useState<Screen>({ name: "loading" });
  const [taking, setTaking] = useState(false);
  const { lang } = useI18n();

  useEffect(() => props.onScreen?.(screen.name), [screen.name]);
  // The operator's equipment screen (#/setup) sits outside the citizen's path.
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  /** A ticket this kiosk already has (reload, restart) comes back from the server. */
  async function resume(): Promise<boolean> {
    try {
      setScreen({ name: "visit", visit: await api.currentVisit() });
      return true;
    } catch (e) {
      if (isLockedOut(e)) setScreen({ name: "enrol" });
      return false;
    }
  }

  useEffect(() => {
    api.terminalMe().then(
      async () => {
        if (!(await resume())) setScreen((s) => (s.name === "loading" ? { name: "welcome" } : s));
      },
      // Offline: the shell and catalogue come from the service worker's cache, so carry on.
      (e) => setScreen(isLockedOut(e) ? { name: "enrol" } : { name: "welcome" }),
    );
  }, []);

  /** Any API answer saying this terminal is not (or no longer) enrolled sends it back here. */
  const lockedOut = () => setScreen({ name: "enrol", revoked: true });

  async function onChooseService(service: Service) {
    if (taking) return;
    setTaking(true);
    try {
      setScreen({ name: "visit", visit: await api.takeTicket(service.id, lang) });
    } catch (e) {
      if (isLockedOut(e)) lockedOut();
      // 409: this kiosk already has a ticket (taken a moment ago): show that one.
      else if (!(e instanceof ApiProblem && e.status === 409 && (await resume()))) setScreen({ name: "welcome", failed: true });
    } finally {
      setTaking(false);
    }
  }

  // The citizen's status check (the receipt's QR code opens it, on the kiosk or a phone).
  if (hash.startsWith("#/status")) {
    return (
      <IdleGuard onTimeout={clearAndRestart}>
        <StatusPage initialReceipt={receiptFromHash(hash)} onBack={() => {
          history.replaceState(null, "", location.pathname);
          setHash("");
        }} />
      </IdleGuard>
    );
  }
  if (hash === "#/setup") return <Setup onDone={() => {
    history.replaceState(null, "", location.pathname);
    setHash("");
  }} />;
  let body;
  switch (screen.name) {
    case "loading":
      body = <Loading />;
      break;
    case "enrol":
      body = <Enrol revoked={screen.revoked} onEnrolled={() => setScreen({ name: "welcome" })} />;
      break;
    case "welcome":
      body = <Welcome onChooseService={onChooseService} onLockedOut={lockedOut} taking={taking} failed={screen.failed} />;
      break;
    case "visit":
      body = <VisitScreen key={screen.visit.id} visit={screen.visit} onDone={clearAndRestart} onLockedOut={lockedOut} />;
  }
  return (
    <HelpProvider visitId={screen.name === "visit" ? screen.visit.id : null}>
      <IdleGuard onTimeout={clearAndRestart}>{body}</IdleGuard>
    </HelpProvider>
  );
}

/**
 * After a visit, or when the kiosk was left alone: wipe what is stored, then start the page
 * afresh so nothing of the citizen stays in memory either (screens, media, sockets, language).
 */
export async function clearAndRestart(): Promise<void> {
  try {
    await wipePersonalData();
  } finally {
    location.replace(location.pathname);
  }
}

export function isLockedOut(e: unknown): boolean {
  return e instanceof ApiProblem && (e.status === 401 || e.status === 403);
}
