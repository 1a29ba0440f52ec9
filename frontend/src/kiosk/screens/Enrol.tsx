import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n";
import { describeProblem, NO_PROBLEM } from "../../lib/problems";
import { Button } from "../../ui/button/Button";
import { ErrorSummary } from "../../ui/error-summary/ErrorSummary";
import { TextField } from "../../ui/field/TextField";
import { Keypad } from "../../ui/keypad/Keypad";
import { Notice } from "../../ui/notice/Notice";
import { Frame } from "./Frame";
import { SetupLink } from "../setup/Setup";

/** First run (or after revocation): the operator types the one-time code from the admin screen. */
export function Enrol(props: { revoked?: boolean; onEnrolled: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setProblem({ summary: [{ message: t("kiosk.enrol.empty"), href: "enrol-code" }], fields: { code: t("kiosk.enrol.empty") } });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      await api.enrol(code.trim());
      props.onEnrolled();
    } catch (err) {
      const d = describeProblem(err, t, {
        byStatus: { 404: "kiosk.enrol.unknownCode", 410: "kiosk.enrol.unknownCode" },
        fieldIds: { code: "enrol-code" },
      });
      // The operator looks at the field: say it there too.
      const fieldMessage = d.fields.code ?? (d.summary[0]?.message as string);
      setProblem({ summary: d.summary.map((s) => ({ ...s, href: "enrol-code" })), fields: { code: fieldMessage } });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t("kiosk.enrol.title")} help={false}>
      <ErrorSummary title={t("common.errorSummary")} items={problem.summary} />
      {props.revoked && <Notice kind="warning">{t("kiosk.enrol.revokedNote")}</Notice>}
      <p class="kiosk__lead">{t("kiosk.enrol.lead")}</p>
      <form class="kiosk__form" onSubmit={submit} noValidate>
        <TextField
          id="enrol-code"
          label={t("kiosk.enrol.codeLabel")}
          hint={t("kiosk.enrol.codeHint")}
          error={problem.fields.code}
          value={code}
          onValue={setCode}
          code
          inputMode="numeric"
          autoComplete="off"
          autoCorrect="off"
          spellcheck={false}
          maxLength={32}
        />
        <Keypad
          target="enrol-code"
          onDigit={(d) => setCode((c) => (c.length < 32 ? c + d : c))}
          onDelete={() => setCode((c) => c.slice(0, -1))}
        />
        <Button type="submit" wide busy={busy} busyLabel={t("kiosk.enrol.submitting")}>
          {t("kiosk.enrol.submit")}
        </Button>
      </form>
      <SetupLink />
    </Frame>
  );
}
