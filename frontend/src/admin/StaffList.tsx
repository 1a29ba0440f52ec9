import { useState } from "preact/hooks";
import { api } from "../lib/api";
import { formatDateTime, localized, useI18n } from "../lib/i18n";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import { ConfirmButton } from "../ui/confirm-button/ConfirmButton";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { LoadFailed, LoadingLine, PageTitle } from "../ui/office-layout/OfficeLayout";
import { SummaryList } from "../ui/summary-list/SummaryList";
import { shortAgent } from "./agent";
import { useLoad } from "./useLoad";

/** Everyone with access, their passkeys and live sessions; revoke a passkey, end a session. */
export function StaffList() {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad(() => Promise.all([api.staff(), api.pendingInvites()]));
  const [problem, setProblem] = useState(NO_PROBLEM);

  const act = async (action: () => Promise<void>) => {
    setProblem(NO_PROBLEM);
    try {
      await action();
    } catch (e) {
      setProblem(describeProblem(e, t));
    }
    await reload();
  };

  return (
    <>
      <PageTitle>{t("admin.staff.title")}</PageTitle>
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      {state.status === "loading" && <LoadingLine />}
      {state.status === "failed" && (
        <LoadFailed message={describeProblem(state.error, t).summary[0]?.message ?? ""} onRetry={() => void reload()} />
      )}
      {state.status === "ready" && (
        <>
          {state.data[0].length === 0 && <p>{t("admin.staff.noStaff")}</p>}
          {state.data[0].map((m) => (
            <article class="office-card staff-member" key={m.id} aria-labelledby={`staff-${m.id}`}>
              <h2 id={`staff-${m.id}`}>{m.display_name}</h2>
              <SummaryList
                rows={[
                  { label: t("admin.staff.role"), value: t(`role.${m.role}`) },
                  { label: t("admin.staff.email"), value: m.email || t("admin.staff.none") },
                  {
                    label: t("admin.staff.counters"),
                    value: m.providers.length ? (
                      <ul>{m.providers.map((p) => <li key={p.id}>{localized(p.name, lang)}</li>)}</ul>
                    ) : (
                      t("admin.staff.none")
                    ),
                  },
                ]}
              />
              <h3>{t("admin.staff.passkeys")}</h3>
              {m.passkeys.length === 0 ? (
                <p>{t("admin.staff.none")}</p>
              ) : (
                <ul class="office-list">
                  {m.passkeys.map((p) => {
                    const name = p.nickname || t("admin.staff.passkeyFallback");
                    return (
                      <li key={p.id} class="passkey">
                        <span>
                          {t("admin.staff.passkeyLine", {
                            name,
                            created: formatDateTime(p.created_at, lang),
                            used: p.last_used_at ? formatDateTime(p.last_used_at, lang) : t("admin.staff.never"),
                          })}
                        </span>
                        <ConfirmButton
                          label={t("admin.staff.revokePasskey", { name })}
                          question={t("admin.staff.confirmRevokePasskey", { name })}
                          onConfirm={() => act(() => api.revokePasskey(p.id))}
                        />
                      </li>
                    );
                  })}
                </ul>
              )}
              <h3>{t("admin.staff.sessions")}</h3>
              {m.sessions.length === 0 ? (
                <p>{t("admin.staff.none")}</p>
              ) : (
                <>
                <ul class="office-list">
                  {m.sessions.map((s) => (
                    <li key={s.id} class="session">
                      <span>
                        {t("admin.staff.sessionLine", {
                          agent: shortAgent(s.user_agent ?? ""),
                          created: formatDateTime(s.created_at, lang),
                          seen: formatDateTime(s.last_seen_at, lang),
                        })}
                      </span>
                      <ConfirmButton
                        label={t("admin.staff.endSession")}
                        question={t("admin.staff.confirmEndSession")}
                        onConfirm={() => act(() => api.endSession(s.id))}
                      />
                    </li>
                  ))}
                </ul>
                {m.sessions.length > 1 && (
                  <div class="office-actions">
                    <ConfirmButton
                      label={t("admin.staff.endAll", { name: m.display_name })}
                      question={t("admin.staff.confirmEndAll", { name: m.display_name })}
                      onConfirm={() => act(() => api.endAllSessions(m.id))}
                    />
                  </div>
                )}
                </>
              )}
            </article>
          ))}
          {state.data[1].length > 0 && (
            <section class="office-card" aria-labelledby="pending-title">
              <h2 id="pending-title">{t("admin.staff.pending")}</h2>
              <ul class="office-list">
                {state.data[1].map((i) => (
                  <li key={i.id}>
                    {t("admin.staff.pendingLine", {
                      name: i.display_name,
                      role: t(`role.${i.role}`),
                      date: formatDateTime(i.expires_at, lang),
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
