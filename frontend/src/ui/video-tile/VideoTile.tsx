import { useEffect, useRef } from "preact/hooks";
import "./video-tile.css";

/**
 * One live picture with its label underneath (a <figure>, so the label names it). Our own
 * picture is muted and mirrored; the other side's plays its sound.
 */
export function VideoTile(props: {
  stream: MediaStream | null;
  label: string;
  /** Shown in place of the picture while there is none. */
  placeholder?: string;
  self?: boolean;
  size?: "large" | "medium" | "small";
  testId?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = video.current;
    if (el && el.srcObject !== props.stream) {
      el.srcObject = props.stream;
      if (props.stream) void el.play().catch(() => {});
    }
  }, [props.stream]);
  const cls = `video-tile video-tile--${props.size ?? "medium"}${props.self ? " video-tile--self" : ""}`;
  return (
    <figure class={cls} data-testid={props.testId}>
      {props.stream ? (
        <video ref={video} class="video-tile__video" autoplay playsInline muted={props.self} aria-hidden="true" />
      ) : (
        <div class="video-tile__empty">{props.placeholder ?? ""}</div>
      )}
      <figcaption class="video-tile__label">{props.label}</figcaption>
    </figure>
  );
}
