import { useState } from "preact/hooks";
import { api } from "../lib/api";
import { formatDateTime, localized, useI18n } from "../lib/i18n";
import type { Me } from "../lib/protocol.gen";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import { addPasskey } from "../lib/webauthn";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { TextField } from "../ui/field/TextField";
import { Notice } from "../ui/notice/Notice";
import { PageTitle } from "../ui/office-layout/OfficeLayout";
import { SummaryList } from "../ui/summary-list/SummaryList";
import { Counter } from "./Counter";

/** The staff member's home: their counter (queue, call, outcome) first, then who they are. */
export function Dashboard(props: { me: Me; onSignedOut: () => void }) {
  const { t, lang } = useI18n();
  const { me } = props;
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [busy, setBusy] = useState<"" | "out" | "everywhere" | "passkey">("");
  const [nickname, setNickname] = useState("");
  const [added, setAdded] = useState<string | null>(null);

  async function run(kind: typeof busy, action: () => Promise<void>) {
    setBusy(kind);
    setProblem(NO_PROBLEM);
    try {
      await action();
    } catch (e) {
      setProblem(describeProblem(e, t, { fieldIds: { nickname: "passkey-nickname" }, passkeyCancelled: "invite.cancelled" }));
    } finally {
      setBusy("");
    }
  }

  return (
    <>
      <PageTitle>{t("dashboard.title")}</PageTitle>
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      {added && <Notice kind="success">{t("dashboard.passkeyAdded", { name: added })}</Notice>}
      {me.providers.length > 0 && <Counter />}
      {me.providers.length > 0 && (
        <p>
          <a href="#/review">{t("review.link")}</a>
        </p>
      )}
      <SummaryList
        rows={[
          { label: t("dashboard.name"), value: me.display_name },
          { label: t("dashboard.role"), value: t(`role.${me.role}`) },
          {
            label: t("dashboard.counters"),
            value: me.providers.length ? (
              <ul class="dashboard-counters">
                {me.providers.map((p) => (
                  <li key={p.id}>{localized(p.name, lang)}</li>
                ))}
              </ul>
            ) : (
              t("dashboard.noCounters")
            ),
          },
        ]}
      />
      <p>{t("dashboard.session", { date: formatDateTime(me.session.expires_at, lang) })}</p>
      {me.role === "admin" && (
        <p>
          <a href="/admin/">{t("dashboard.adminLink")}</a>
        </p>
      )}

      <section class="office-card" aria-labelledby="add-passkey-title">
        <h2 id="add-passkey-title">{t("dashboard.addPasskey")}</h2>
        <form
          class="office-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run("passkey", async () => {
              const passkey = await addPasskey(nickname.trim() || undefined);
              setAdded(passkey.nickname || t("admin.staff.passkeyFallback"));
              setNickname("");
            });
          }}
        >
          <TextField
            id="passkey-nickname"
            label={`${t("invite.nicknameLabel")}（${t("common.optional")}）`}
            hint={t("invite.nicknameHint")}
            error={problem.fields.nickname}
            value={nickname}
            onValue={setNickname}
            maxLength={60}
            autoComplete="off"
          />
          <Button type="submit" variant="secondary" busy={busy === "passkey"} busyLabel={t("invite.working")}>
            {t("dashboard.addPasskey")}
          </Button>
        </form>
      </section>

      <div class="office-actions">
        <Button
          busy={busy === "out"}
          onClick={() => run("out", async () => { await api.signOut(); props.onSignedOut(); })}
        >
          {t("dashboard.signOut")}
        </Button>
        <Button
          variant="danger"
          busy={busy === "everywhere"}
          onClick={() => run("everywhere", async () => { await api.signOutEverywhere(); props.onSignedOut(); })}
        >
          {t("dashboard.signOutEverywhere")}
        </Button>
      </div>
    </>
  );
}
