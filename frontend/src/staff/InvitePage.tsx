import { useEffect, useState } from "preact/hooks";
import { ApiProblem, api } from "../lib/api";
import { formatDateTime, localized, useI18n } from "../lib/i18n";
import type { InviteInfo, Me } from "../lib/protocol.gen";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import { registerWithInvite } from "../lib/webauthn";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { TextField } from "../ui/field/TextField";
import { Notice } from "../ui/notice/Notice";
import { LoadingLine, PageTitle } from "../ui/office-layout/OfficeLayout";
import { SummaryList } from "../ui/summary-list/SummaryList";

type Load = { status: "loading" } | { status: "ready"; info: InviteInfo } | { status: "failed"; error: unknown };

/** Accepting an invitation: see who you were invited as, then register this device's passkey. */
export function InvitePage(props: { token: string; onRegistered: (me: Me) => void }) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [nickname, setNickname] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);

  useEffect(() => {
    api.invite(props.token).then(
      (info) => setLoad({ status: "ready", info }),
      (error) => setLoad({ status: "failed", error }),
    );
  }, [props.token]);

  async function register(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      props.onRegistered(await registerWithInvite(props.token, nickname.trim() || undefined));
    } catch (err) {
      setProblem(
        describeProblem(err, t, {
          byStatus: { 404: "invite.notFound", 410: "invite.gone" },
          fieldIds: { nickname: "invite-nickname" },
          passkeyCancelled: "invite.cancelled",
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  if (load.status === "loading") return <LoadingLine />;
  if (load.status === "failed") {
    const status = load.error instanceof ApiProblem ? load.error.status : 0;
    const message =
      status === 404 ? t("invite.notFound") : status === 410 ? t("invite.gone") : describeProblem(load.error, t).summary[0]?.message;
    return (
      <>
        <PageTitle>{t("invite.title")}</PageTitle>
        <Notice kind="warning">{message}</Notice>
      </>
    );
  }
  const info = load.info;
  return (
    <>
      <PageTitle>{t("invite.title")}</PageTitle>
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      <p>{t("invite.lead", { name: info.display_name })}</p>
      <SummaryList
        rows={[
          { label: t("invite.role"), value: t(`role.${info.role}`) },
          {
            label: t("invite.counters"),
            value: info.providers.length ? (
              <ul>{info.providers.map((p) => <li key={p.id}>{localized(p.name, lang)}</li>)}</ul>
            ) : (
              t("invite.noCounters")
            ),
          },
        ]}
      />
      <p>{t("invite.expires", { date: formatDateTime(info.expires_at, lang) })}</p>
      <form class="office-form" onSubmit={register} noValidate>
        <TextField
          id="invite-nickname"
          label={`${t("invite.nicknameLabel")}（${t("common.optional")}）`}
          hint={t("invite.nicknameHint")}
          error={problem.fields.nickname}
          value={nickname}
          onValue={setNickname}
          maxLength={60}
          autoComplete="off"
        />
        <Button type="submit" busy={busy} busyLabel={t("invite.working")}>
          {t("invite.register")}
        </Button>
      </form>
    </>
  );
}
