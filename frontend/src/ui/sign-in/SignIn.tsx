import { useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import type { Me } from "../../lib/protocol.gen";
import { describeProblem, NO_PROBLEM } from "../../lib/problems";
import { signInWithPasskey } from "../../lib/webauthn";
import { Button } from "../button/Button";
import { ErrorSummary } from "../error-summary/ErrorSummary";
import { Notice } from "../notice/Notice";

/** Passkey sign-in (discoverable credentials: no user name to type). Shared by staff and admin. */
export function SignIn(props: { onSignedIn: (me: Me) => void; notice?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);

  async function go() {
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      props.onSignedIn(await signInWithPasskey());
    } catch (e) {
      setProblem(describeProblem(e, t, { byStatus: { 400: "signIn.failed", 401: "signIn.failed", 404: "signIn.failed" } }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="stack" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("signIn.title")}</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      <p>{t("signIn.lead")}</p>
      <p>
        <Button busy={busy} busyLabel={t("signIn.working")} onClick={go}>
          {t("signIn.button")}
        </Button>
      </p>
      <p>{t("signIn.noAccount")}</p>
    </section>
  );
}
