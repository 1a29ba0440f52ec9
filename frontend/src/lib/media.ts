/**
 * The camera and microphone of this browser, and (kiosk only) the document camera: the device
 * bridge's camera when one is given, else a second camera when the machine has one. Whatever cannot be opened is left out; the call goes on.
 */

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** The kiosk's document camera, sent on the third transceiver. */
  doc: MediaStreamTrack | null;
  /** The face camera and microphone, for the self view. */
  stream: MediaStream | null;
  docStream: MediaStream | null;
  /** Something could not be opened (no permission, no device). */
  failed: boolean;
  /** Extra clean-up when the media is stopped (e.g. the bridge camera's own connection). */
  release?: () => void;
}

export const NO_MEDIA: LocalMedia = { audio: null, video: null, doc: null, stream: null, docStream: null, failed: true };

const FACE: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };
const DOCUMENT: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 10 } };

async function tryGet(constraints: MediaStreamConstraints): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch {
    return null;
  }
}

export async function openLocalMedia(options: {
  documentCamera: boolean;
  /** The device bridge's document camera (device_bridge/PROTOCOL.md camera_offer), preferred when paired. */
  bridgeCamera?: () => Promise<{ track: MediaStreamTrack; close: () => void } | null>;
}): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) return NO_MEDIA;
  const stream =
    (await tryGet({ audio: true, video: FACE })) ?? (await tryGet({ audio: true })) ?? (await tryGet({ video: FACE }));
  if (!stream) return NO_MEDIA;
  const audio = stream.getAudioTracks()[0] ?? null;
  const video = stream.getVideoTracks()[0] ?? null;
  let docStream: MediaStream | null = null;
  const bridged = options.documentCamera && options.bridgeCamera ? await options.bridgeCamera().catch(() => null) : null;
  if (bridged) docStream = new MediaStream([bridged.track]);
  else if (options.documentCamera) {
    const faceId = video?.getSettings().deviceId;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "videoinput");
    const other = cameras.find((d) => d.deviceId && d.deviceId !== faceId);
    if (other) docStream = await tryGet({ video: { ...DOCUMENT, deviceId: { exact: other.deviceId } } });
  }
  return {
    audio,
    video,
    doc: docStream?.getVideoTracks()[0] ?? null,
    stream,
    docStream,
    failed: !audio || !video,
    release: bridged?.close,
  };
}

export function stopLocalMedia(media: LocalMedia): void {
  for (const s of [media.stream, media.docStream]) s?.getTracks().forEach((t) => t.stop());
  media.release?.();
}
