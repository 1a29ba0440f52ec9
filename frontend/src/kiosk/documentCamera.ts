/**
 * The kiosk's document camera for the call: the device bridge's camera when the bridge is paired
 * and has one (device_bridge/PROTOCOL.md camera_offer, an aiortc track); otherwise none here, and
 * openLocalMedia falls back to a second browser camera.
 */
import { openBridgeCamera, sharedBridge, type BridgeState } from "../lib/bridge";

/** A bridge still connecting gets this long; the call must not wait on missing equipment. */
const BRIDGE_WAIT_MS = 1_500;

function settled(state: BridgeState): boolean {
  return state.kind !== "connecting" && state.kind !== "stopped";
}

export async function bridgeDocumentCamera(): Promise<{ track: MediaStreamTrack; close: () => void } | null> {
  const bridge = sharedBridge();
  if (!settled(bridge.state)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, BRIDGE_WAIT_MS);
      const unsubscribe = bridge.subscribe((s) => settled(s) && done());
      function done() {
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolve();
      }
    });
  }
  const camera = bridge.devices?.cameras[0];
  if (bridge.state.kind !== "ready" || !camera) return null;
  const opened = await openBridgeCamera(bridge, camera.id);
  return { track: opened.track, close: () => opened.close() };
}
