import { useState } from "preact/hooks";
import { ApiProblem } from "../../lib/api";
import { applicationApi, type ReceiptStatus } from "../../lib/applications";
import { formatDateTime, localized, useI18n } from "../../lib/i18n";
import { Button } from "../../ui/button/Button";
import { TextField } from "../../ui/field/TextField";
import { Notice } from "../../ui/notice/Notice";
import { SummaryList } from "../../ui/summary-list/SummaryList";
import { Frame } from "../screens/Frame";
import "./application.css";

/** "#/status?receipt=20261204-0001" → "20261204-0001" (the receipt's QR code opens this page). */
export function receiptFromHash(hash: string): string {
  const query = hash.split("?")[1] ?? "";
  return new URLSearchParams(query).get("receipt") ?? "";
}

/**
 * The citizen checks their application with the receipt number and their birth date, on the kiosk
 * or on their own phone from the receipt's QR code. No sign-in: both must match.
 */
export function StatusPage(props: { initialReceipt: string; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [receipt, setReceipt] = useState(props.initialReceipt);
  const [birth, setBirth] = useState("");
  const [errors, setErrors] = useState<{ receipt?: string; birth?: string }>({});
  const [result, setResult] = useState<ReceiptStatus | null>(null);
  const [failure, setFailure] = useState<"notFound" | "network" | null>(null);
  const [busy, setBusy] = useState(false);

  async function check() {
    const missing = {
      receipt: receipt.trim() ? undefined : t("application.check.receiptEmpty"),
      birth: birth.trim() ? undefined : t("application.check.birthEmpty"),
    };
    setErrors(missing);
    setResult(null);
    setFailure(null);
    if (missing.receipt || missing.birth) return;
    setBusy(true);
    try {
      setResult(await applicationApi.status(receipt.trim(), birth.trim()));
    } catch (e) {
      setFailure(e instanceof ApiProblem && e.status === 404 ? "notFound" : "network");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t("application.check.title")} help={false} idle="after-touch">
      <p class="kiosk__lead">{t("application.check.lead")}</p>
      {failure === "notFound" && <Notice kind="warning">{t("application.check.notFound")}</Notice>}
      {failure === "network" && <Notice kind="warning">{t("common.networkError")}</Notice>}
      {result ? (
        <div class="kiosk-status" data-testid="status-result">
          <SummaryList
            rows={[
              { label: t("application.receipt.numberLabel"), value: result.receipt_number },
              { label: t("application.check.what"), value: localized(result.title, lang) },
              { label: t("application.check.submittedAt"), value: formatDateTime(result.submitted_at, lang) },
              { label: t("application.check.status"), value: t(`application.status.${result.status}`) },
              ...(result.status === "returned"
                ? [{ label: t("application.check.reasonLabel"), value: result.return_reason }]
                : []),
            ]}
          />
          <Button wide variant="secondary" class="kiosk__back" onClick={() => setResult(null)}>
            {t("common.back")}
          </Button>
        </div>
      ) : (
        <form
          class="kiosk__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
        >
          <TextField
            id="status-receipt"
            label={t("application.receipt.numberLabel")}
            hint={t("application.check.receiptHint")}
            error={errors.receipt}
            value={receipt}
            onValue={setReceipt}
            autoComplete="off"
          />
          <TextField
            id="status-birth"
            label={t("application.check.birthLabel")}
            hint={t("application.check.birthHint")}
            error={errors.birth}
            value={birth}
            onValue={setBirth}
            autoComplete="bday"
          />
          <div class="kiosk-app__actions">
            <Button wide type="submit" busy={busy} busyLabel={t("common.loading")}>
              {t("application.check.submit")}
            </Button>
            <Button wide variant="secondary" class="kiosk__back" onClick={props.onBack}>
              {t("common.back")}
            </Button>
          </div>
        </form>
      )}
    </Frame>
  );
}
