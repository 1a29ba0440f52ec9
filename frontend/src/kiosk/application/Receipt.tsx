import QRCode from "qrcode";
import type { Ref } from "preact";
import { useEffect, useState } from "preact/hooks";
import { applicationApi, statusPageUrl, type ApplicationView } from "../../lib/applications";
import { useI18n } from "../../lib/i18n";

/**
 * After the clerk submits: the receipt number in very large print, a QR code of the status page
 * (qrcode: a well-kept encoder, rendered to an image) and the PDF receipt to print or keep.
 */
export function Receipt(props: { visitId: string; view: ApplicationView; headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useI18n();
  const receipt = props.view.receipt_number ?? "";
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (!receipt) return;
    QRCode.toDataURL(statusPageUrl(location.origin, receipt), { errorCorrectionLevel: "M", margin: 2, scale: 8 }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [receipt]);

  return (
    <div class="kiosk-receipt">
      <h2 id="kiosk-app-title" class="kiosk-app__title" tabIndex={-1} ref={props.headingRef}>{t("application.receipt.title")}</h2>
      <dl class="kiosk-receipt__number">
        <dt>{t("application.receipt.numberLabel")}</dt>
        <dd data-testid="receipt-number">{receipt}</dd>
      </dl>
      <p class="kiosk-app__lead">{t(`application.status.${props.view.status}`)}</p>
      {props.view.status === "returned" && props.view.return_reason && (
        <p class="kiosk-app__lead">{t("application.check.reason", { reason: props.view.return_reason })}</p>
      )}
      <p class="kiosk-app__lead">{t("application.receipt.lead")}</p>
      <div class="kiosk-receipt__qr">
        {qr && <img src={qr} alt={t("application.receipt.qr")} data-testid="receipt-qr" />}
        <p>{t("application.receipt.qrHint")}</p>
      </div>
      <div class="kiosk-app__actions">
        <a
          class="button button--secondary button--wide"
          href={applicationApi.receiptUrl(props.visitId)}
          download={`receipt-${receipt}.pdf`}
        >
          {t("application.receipt.pdf")}
        </a>
      </div>
    </div>
  );
}
