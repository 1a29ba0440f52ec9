/**
 * A full-resolution still of the document camera: from the device bridge when it is paired and has
 * a camera (device_bridge/PROTOCOL.md capture_still), else from the browser's camera — the
 * document camera when the kiosk has a second one, else its only camera (a home tablet).
 */
import { captureStillBlob, sharedBridge } from "../../lib/bridge";
import type { LocalMedia } from "../../lib/media";

export type StillFailure = "no_camera" | "camera";

export class StillError extends Error {
  constructor(readonly reason: StillFailure) {
    super(reason);
    this.name = "StillError";
  }
}

/** Chromium's ImageCapture (not in TypeScript's DOM library yet). */
interface PhotoCapabilities {
  imageWidth?: { max?: number };
  imageHeight?: { max?: number };
}
interface ImageCaptureLike {
  getPhotoCapabilities(): Promise<PhotoCapabilities>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
type ImageCaptureClass = new (track: MediaStreamTrack) => ImageCaptureLike;

const JPEG_QUALITY = 0.92;
const FRAME_WAIT_MS = 5_000;

export async function takeStill(media: LocalMedia | null): Promise<{ blob: Blob; source: "bridge" | "browser" }> {
  const bridge = sharedBridge();
  const camera = bridge.state.kind === "ready" ? bridge.devices?.cameras[0] : undefined;
  if (camera) {
    try {
      return { blob: (await captureStillBlob(bridge, camera.id)).blob, source: "bridge" };
    } catch {
      throw new StillError("camera");
    }
  }
  const track = [media?.doc, media?.video].find((t) => t && t.readyState === "live");
  const own = track ? null : await openCamera(); // the call's camera is not open (yet): open one just for this
  try {
    return { blob: await browserStill((track ?? own)!), source: "browser" };
  } catch {
    throw new StillError("camera");
  } finally {
    own?.stop();
  }
}

async function openCamera(): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 4096 }, height: { ideal: 3072 } } });
    const track = stream.getVideoTracks()[0];
    if (track) return track;
  } catch {
    /* no camera, or no permission */
  }
  throw new StillError("no_camera");
}

/** A copy of the track at the camera's largest size, so the call's own video keeps its size. */
async function browserStill(track: MediaStreamTrack): Promise<Blob> {
  const copy = track.clone();
  try {
    const caps = copy.getCapabilities?.() ?? {};
    if (caps.width?.max && caps.height?.max) {
      await copy.applyConstraints({ width: { ideal: caps.width.max }, height: { ideal: caps.height.max } }).catch(() => undefined);
    }
    const photo = await takePhoto(copy);
    if (photo && (photo.type === "image/jpeg" || photo.type === "image/png")) return photo;
    return await grabFrame(copy);
  } finally {
    copy.stop();
  }
}

async function takePhoto(track: MediaStreamTrack): Promise<Blob | null> {
  const Capture = (globalThis as { ImageCapture?: ImageCaptureClass }).ImageCapture;
  if (!Capture) return null;
  try {
    const capture = new Capture(track);
    const caps = await capture.getPhotoCapabilities();
    return await capture.takePhoto({ imageWidth: caps.imageWidth?.max, imageHeight: caps.imageHeight?.max });
  } catch {
    return null; // some cameras cannot take photos: a frame of the video will do
  }
}

/** One video frame at the track's current size, as JPEG. */
async function grabFrame(track: MediaStreamTrack): Promise<Blob> {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    await video.play();
    if (!video.videoWidth) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no frame")), FRAME_WAIT_MS);
        video.addEventListener("loadeddata", () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")!.drawImage(video, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no image"))), "image/jpeg", JPEG_QUALITY),
    );
  } finally {
    video.pause();
    video.srcObject = null;
  }
}

/** A photo the browser can read but the server does not take (e.g. HEIC/WebP) is sent as JPEG. */
export async function asJpeg(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no image"))), "image/jpeg", JPEG_QUALITY),
  );
}
