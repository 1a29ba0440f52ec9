import { useState } from "preact/hooks";
import { api, type TerminalKind } from "../lib/api";
import { formatDateTime, useI18n } from "../lib/i18n";
import type { TerminalCreated } from "../lib/protocol.gen";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import { Button } from "../ui/button/Button";
import { ConfirmButton } from "../ui/confirm-button/ConfirmButton";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { Radios } from "../ui/field/Checkboxes";
import { TextField } from "../ui/field/TextField";
import { LoadFailed, LoadingLine, PageTitle } from "../ui/office-layout/OfficeLayout";
import { SummaryList } from "../ui/summary-list/SummaryList";
import { useLoad } from "./useLoad";

const KINDS: TerminalKind[] = ["van_kiosk", "centre_kiosk", "home_tablet"];
const FIELD_IDS = { name: "terminal-name", kind: "terminal-kind-van_kiosk", place: "terminal-place" };

/** Kiosks and tablets: add one (shows its one-time enrolment code), see their state, revoke. */
export function Terminals() {
  const { t, lang } = useI18n();
  const { state, reload } = useLoad(() => api.terminals());
  const [name, setName] = useState("");
  const [kind, setKind] = useState<TerminalKind>("van_kiosk");
  const [place, setPlace] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [created, setCreated] = useState<TerminalCreated | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      setCreated(await api.createTerminal({ name: name.trim(), kind, place: place.trim() }));
      setName("");
      setPlace("");
      await reload();
    } catch (err) {
      setProblem(describeProblem(err, t, { fieldIds: FIELD_IDS }));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <>
        <PageTitle>{t("admin.terminals.codeTitle")}</PageTitle>
        <p>
          {t("admin.terminals.codeLead", {
            name: created.terminal.name,
            date: formatDateTime(created.expires_at, lang),
          })}
        </p>
        <p class="big-code" id="enrolment-code">{created.enrolment_code}</p>
        <Button onClick={() => { setCreated(null); void reload(); }}>{t("admin.terminals.done")}</Button>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("admin.terminals.title")}</PageTitle>
      <ErrorSummary title={t("common.errorSummary")} items={problem.summary} />
      {state.status === "loading" && <LoadingLine />}
      {state.status === "failed" && (
        <LoadFailed message={describeProblem(state.error, t).summary[0]?.message ?? ""} onRetry={() => void reload()} />
      )}
      {state.status === "ready" && state.data.length === 0 && <p>{t("admin.terminals.none")}</p>}
      {state.status === "ready" &&
        state.data.map((term) => (
          <article class="office-card terminal" key={term.id} aria-labelledby={`terminal-${term.id}`}>
            <h2 id={`terminal-${term.id}`}>{term.name}</h2>
            <SummaryList
              rows={[
                { label: t("admin.terminals.kind"), value: t(`terminal.kind.${term.kind}`) },
                { label: t("admin.terminals.place"), value: term.place },
                { label: t("admin.terminals.status"), value: t(`terminal.status.${term.status}`) },
                { label: t("admin.terminals.lastSeen"), value: formatDateTime(term.last_seen_at, lang) || "—" },
              ]}
            />
            {term.status !== "revoked" && (
              <ConfirmButton
                label={t("admin.terminals.revoke", { name: term.name })}
                question={t("admin.terminals.confirmRevoke", { name: term.name })}
                onConfirm={async () => {
                  setProblem(NO_PROBLEM);
                  try {
                    await api.revokeTerminal(term.id);
                  } catch (err) {
                    setProblem(describeProblem(err, t));
                  }
                  await reload();
                }}
              />
            )}
          </article>
        ))}

      <section class="office-card" aria-labelledby="new-terminal-title">
        <h2 id="new-terminal-title">{t("admin.terminals.create")}</h2>
        <form class="office-form" onSubmit={submit} noValidate>
          <TextField
            id={FIELD_IDS.name}
            label={t("admin.terminals.name")}
            hint={t("admin.terminals.namePlaceholderHint")}
            error={problem.fields.name}
            value={name}
            onValue={setName}
            maxLength={100}
            autoComplete="off"
          />
          <Radios
            name="terminal-kind"
            legend={t("admin.terminals.kind")}
            error={problem.fields.kind}
            options={KINDS.map((k) => ({ value: k, label: t(`terminal.kind.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v as TerminalKind)}
          />
          <TextField
            id={FIELD_IDS.place}
            label={t("admin.terminals.place")}
            hint={t("admin.terminals.placeHint")}
            error={problem.fields.place}
            value={place}
            onValue={setPlace}
            maxLength={200}
            autoComplete="off"
          />
          <Button type="submit" busy={busy} busyLabel={t("common.loading")}>
            {t("admin.terminals.createSubmit")}
          </Button>
        </form>
      </section>
    </>
  );
}
