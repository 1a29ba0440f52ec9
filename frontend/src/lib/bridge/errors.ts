/** Bridge error codes → the kiosk's own words (message catalogue keys), one place for all screens. */
import type { MessageKey } from "../i18n/ja";
import type { BridgeState } from "./client";
import { BridgeError } from "./client";

const KEYS: Record<string, MessageKey> = {
  not_running: "bridge.error.notRunning",
  timeout: "bridge.error.notRunning",
  pcsc_unavailable: "bridge.error.noReader",
  reader_not_found: "bridge.error.noReader",
  reader_gone: "bridge.error.noReader",
  no_card: "bridge.error.noCard",
  card_removed: "bridge.error.cardRemoved",
  card_not_supported: "bridge.error.notMyNumberCard",
  card_busy: "bridge.error.cardBusy",
  card_error: "bridge.error.cardError",
  pin_format: "bridge.error.pinFormat",
  pin_wrong: "bridge.error.pinWrong",
  pin_last_try: "bridge.error.pinLastTry",
  pin_locked: "bridge.error.pinLocked",
  camera_not_found: "bridge.error.camera",
  camera_failed: "bridge.error.camera",
  not_paired: "bridge.error.notPaired",
  pairing_code_wrong: "bridge.error.codeWrong",
  pairing_closed: "bridge.error.codeExpired",
  protocol_mismatch: "bridge.error.protocol",
};

export function bridgeErrorKey(error: unknown): MessageKey {
  const code = error instanceof BridgeError ? error.code : "not_running";
  return KEYS[code] ?? "bridge.error.cardError";
}

/** The plain sentence for a connection state that is not ready, or null when it is. */
export function bridgeStateKey(state: BridgeState): MessageKey | null {
  switch (state.kind) {
    case "ready":
      return null;
    case "connecting":
      return "bridge.state.connecting";
    case "not_paired":
      return "bridge.error.notPaired";
    case "refused":
      return KEYS[state.code] ?? "bridge.error.protocol";
    default:
      return "bridge.error.notRunning";
  }
}
