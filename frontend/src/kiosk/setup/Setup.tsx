import { useEffect, useState } from "preact/hooks";
import { sharedBridge, type BridgeClient, type BridgeState } from "../../lib/bridge/client";
import { bridgeErrorKey, bridgeStateKey } from "../../lib/bridge/errors";
import { useI18n } from "../../lib/i18n";
import { Button } from "../../ui/button/Button";
import { ErrorSummary } from "../../ui/error-summary/ErrorSummary";
import { TextField } from "../../ui/field/TextField";
import { Keypad } from "../../ui/keypad/Keypad";
import { Notice } from "../../ui/notice/Notice";
import { Frame } from "../screens/Frame";
import "./setup.css";

const CODE_LENGTH = 6;

export function useBridgeState(bridge: BridgeClient): BridgeState {
  const [state, setState] = useState<BridgeState>(bridge.state);
  useEffect(() => bridge.subscribe(setState), [bridge]);
  return state;
}

/**
 * The operator's equipment screen (hidden route #/setup, not in the citizen's path): pair this
 * kiosk with the device bridge using the 6-digit code the bridge prints on its console, and see
 * that the readers and cameras are there before the van leaves.
 */
export function Setup(props: { onDone: () => void; bridge?: BridgeClient }) {
  const { t } = useI18n();
  const bridge = props.bridge ?? sharedBridge();
  const state = useBridgeState(bridge);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pairAgain, setPairAgain] = useState(false);

  useEffect(() => {
    if (state.kind === "ready" && !state.devices) void bridge.listDevices().catch(() => undefined);
  }, [state.kind]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const digits = code.replace(/\D/g, "");
    if (digits.length !== CODE_LENGTH) {
      setError(t("kiosk.setup.empty"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await bridge.pair(digits, document.title || "kiosk");
      setCode("");
      setPairAgain(false);
    } catch (err) {
      setError(t(bridgeErrorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  const stateKey = bridgeStateKey(state);
  const showForm = state.kind === "not_paired" || (state.kind === "ready" && pairAgain) || (error !== null && state.kind !== "not_running");
  const devices = state.kind === "ready" ? state.devices : null;

  return (
    <Frame title={t("kiosk.setup.title")} help={false}>
      <ErrorSummary title={t("common.errorSummary")} items={error ? [{ message: error, href: "setup-code" }] : []} />
      <p class="kiosk__lead">{t("kiosk.setup.lead")}</p>
      <div data-testid="bridge-state">
        {state.kind === "ready" ? (
          <Notice kind="success">{t("kiosk.setup.paired")}</Notice>
        ) : (
          stateKey && <Notice kind={state.kind === "connecting" ? "info" : "warning"}>{t(stateKey)}</Notice>
        )}
      </div>
      {state.kind === "not_running" && <p class="setup__help">{t("kiosk.setup.notRunningHelp")}</p>}
      {devices && (
        <ul class="setup__devices" data-testid="bridge-devices">
          <li>
            {devices.readers.length
              ? t("kiosk.setup.readers", {
                  readers: devices.readers.map((r) => (r.card_present ? `${r.name} ${t("kiosk.setup.cardPresent")}` : r.name)).join("、"),
                })
              : t("kiosk.setup.noReaders")}
          </li>
          <li>
            {devices.cameras.length
              ? t("kiosk.setup.cameras", { cameras: devices.cameras.map((c) => c.label).join("、") })
              : t("kiosk.setup.noCameras")}
          </li>
        </ul>
      )}
      {showForm && (
        <form class="kiosk__form" onSubmit={submit} noValidate>
          <TextField
            id="setup-code"
            label={t("kiosk.setup.codeLabel")}
            hint={t("kiosk.setup.codeHint")}
            error={error ?? undefined}
            value={code}
            onValue={(v) => setCode(v.replace(/\D/g, "").slice(0, CODE_LENGTH))}
            code
            inputMode="numeric"
            autoComplete="off"
            autoCorrect="off"
            spellcheck={false}
            maxLength={CODE_LENGTH}
          />
          <Keypad
            target="setup-code"
            onDigit={(d) => setCode((c) => (c.length < CODE_LENGTH ? c + d : c))}
            onDelete={() => setCode((c) => c.slice(0, -1))}
          />
          <Button type="submit" wide busy={busy} busyLabel={t("kiosk.setup.submitting")}>
            {t("kiosk.setup.submit")}
          </Button>
        </form>
      )}
      <div class="setup__actions">
        {(state.kind === "not_running" || state.kind === "refused") && (
          <Button variant="secondary" onClick={() => bridge.retry()}>
            {t("kiosk.setup.checkAgain")}
          </Button>
        )}
        {state.kind === "ready" && !pairAgain && (
          <Button variant="secondary" onClick={() => setPairAgain(true)}>
            {t("kiosk.setup.pairAgain")}
          </Button>
        )}
        <Button variant="secondary" onClick={props.onDone}>
          {t("kiosk.setup.back")}
        </Button>
      </div>
    </Frame>
  );
}

/** The small link on the enrolment screen that leads the operator here. */
export function SetupLink() {
  const { t } = useI18n();
  return (
    <p class="setup__link-row">
      <a class="setup__link" href="#/setup">
        {t("kiosk.setup.link")}
      </a>
    </p>
  );
}
