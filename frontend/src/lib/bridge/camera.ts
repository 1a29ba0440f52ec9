/**
 * The bridge's document camera as a MediaStream for the page (e.g. the call screen adds its track
 * to the call): one receive-only peer connection per camera, full offer (no trickle ICE), no STUN.
 */
import type { BridgeClient } from "./client";

export interface BridgeCamera {
  stream: MediaStream;
  track: MediaStreamTrack;
  close(): void;
}

function gatheringComplete(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState !== "complete") return;
      pc.removeEventListener("icegatheringstatechange", done);
      resolve();
    };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, timeoutMs); // loopback candidates come at once; do not wait forever
  });
}

export async function openBridgeCamera(bridge: BridgeClient, camera: string): Promise<BridgeCamera> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const track = new Promise<MediaStreamTrack>((resolve) => {
    pc.ontrack = (ev) => resolve(ev.track);
  });
  pc.addTransceiver("video", { direction: "recvonly" });
  try {
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc, 3_000);
    const answer = await bridge.cameraOffer(camera, pc.localDescription!.sdp);
    await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
    const t = await track;
    return {
      stream: new MediaStream([t]),
      track: t,
      close() {
        pc.close();
        void bridge.cameraStop(camera).catch(() => undefined);
      },
    };
  } catch (e) {
    pc.close();
    throw e;
  }
}

/** A full-resolution still as a Blob (image/jpeg), e.g. to attach to an application. */
export async function captureStillBlob(bridge: BridgeClient, camera: string): Promise<{ blob: Blob; width: number; height: number }> {
  const still = await bridge.captureStill(camera);
  const bytes = Uint8Array.from(atob(still.data), (c) => c.charCodeAt(0));
  return { blob: new Blob([bytes], { type: still.mime }), width: still.width, height: still.height };
}
