import SignaturePad from "signature_pad";
import type { Ref } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { StrokePoint } from "../../lib/applications";
import { useI18n } from "../../lib/i18n";
import { Button } from "../../ui/button/Button";
import { Notice } from "../../ui/notice/Notice";

/** Line widths in CSS pixels of the canvas; a pen's pressure widens the line up to twice this. */
const MIN_WIDTH = 1.5;
const MAX_WIDTH = 4;

/** signature_pad's point groups as the server keeps them: [[x, y, pressure, time], …] per stroke. */
export function strokesOf(groups: { points: { x: number; y: number; pressure: number; time: number }[] }[]): StrokePoint[][] {
  return groups
    .filter((g) => g.points.length > 0)
    .map((g) => g.points.map((p) => [round(p.x), round(p.y), round(p.pressure || 0.5), Math.round(p.time)] as StrokePoint));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The citizen signs by hand on the canvas (signature_pad: smooth strokes, mouse, touch and pen).
 * The strokes (vector) and a PNG of them go to the server with the content hash they sign.
 */
export function SignatureScreen(props: {
  headingRef: Ref<HTMLHeadingElement>;
  onSign: (strokes: StrokePoint[][], png: string) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const colour = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    const p = new SignaturePad(c, {
      minWidth: MIN_WIDTH,
      maxWidth: MAX_WIDTH,
      penColor: colour("--colour-text") || "black",
      backgroundColor: colour("--colour-bg") || "white",
    });
    // Pen pressure, where the device reports it: a firmer stroke draws a wider line.
    p.addEventListener("beginStroke", (e: Event) => {
      const event = (e as CustomEvent<PointerEvent | MouseEvent | TouchEvent>).detail;
      const pressure = "pointerType" in event && event.pointerType === "pen" ? event.pressure : 0;
      p.maxWidth = pressure > 0 ? MAX_WIDTH * (0.5 + pressure) : MAX_WIDTH;
    });
    p.addEventListener("endStroke", () => {
      setEmpty(p.isEmpty());
      setMissing(false);
    });
    pad.current = p;
    const fit = () => {
      // Draw at the screen's real resolution; keep what was drawn across a resize.
      const data = p.toData();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      c.width = c.offsetWidth * ratio;
      c.height = c.offsetHeight * ratio;
      c.getContext("2d")?.scale(ratio, ratio);
      p.clear();
      p.fromData(data);
    };
    fit();
    addEventListener("resize", fit);
    return () => {
      removeEventListener("resize", fit);
      p.off();
      pad.current = null;
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    setEmpty(true);
  };

  const sign = () => {
    const p = pad.current;
    if (!p || p.isEmpty()) {
      setMissing(true);
      return;
    }
    const png = p.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
    props.onSign(strokesOf(p.toData()), png);
  };

  return (
    <>
      <h2 id="kiosk-app-title" class="kiosk-app__title" tabIndex={-1} ref={props.headingRef}>{t("application.sign.title")}</h2>
      <p class="kiosk-app__lead" id="signature-lead">{t("application.sign.lead")}</p>
      {missing && <Notice kind="warning">{t("application.sign.empty")}</Notice>}
      <canvas
        ref={canvas}
        class="kiosk-app__pad"
        role="img"
        aria-label={t("application.sign.pad")}
        aria-describedby="signature-lead"
        data-testid="signature-pad"
      />
      <div class="kiosk-app__actions">
        <Button wide onClick={sign}>{t("application.sign.submit")}</Button>
        <Button wide variant="secondary" onClick={clear} disabled={empty}>{t("application.sign.clear")}</Button>
        <Button wide variant="secondary" class="kiosk__back" onClick={props.onBack}>{t("common.back")}</Button>
      </div>
    </>
  );
}
