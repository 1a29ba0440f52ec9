import { useEffect, useState } from "preact/hooks";
import { api } from "../lib/api";
import { localized, useI18n } from "../lib/i18n";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import type { Catalogue, StaffVisit, VisitEnd } from "../lib/protocol.gen";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { Radios } from "../ui/field/Checkboxes";
import "../ui/field/field.css";

type Outcome = VisitEnd["outcome"];

/** After the call: what came of it, and a note; or hand the citizen to another counter. */
export function OutcomeForm(props: { visit: StaffVisit; onSaved: (message: string) => void }) {
  const { t, lang } = useI18n();
  const v = props.visit;
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);

  useEffect(() => {
    void api.catalogue().then(setCatalogue, () => setCatalogue({ providers: [] }));
  }, []);

  const services = (catalogue?.providers ?? []).flatMap((p) =>
    p.services.filter((s) => s.id !== v.service_id).map((s) => ({ id: s.id, label: `${localized(s.name, lang)}（${localized(p.name, lang)}）`, name: localized(s.name, lang) })),
  );

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!outcome) {
      setProblem({ summary: [{ message: t("outcome.pickOutcome"), href: "outcome-resolved" }], fields: { outcome: t("outcome.pickOutcome") } });
      return;
    }
    if (outcome === "handed_off" && !target) {
      setProblem({ summary: [{ message: t("outcome.pickService"), href: "outcome-service" }], fields: { hand_to_service_id: t("outcome.pickService") } });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      await api.endVisit(v.id, { outcome, note: note.trim(), ...(outcome === "handed_off" ? { hand_to_service_id: target } : {}) });
      props.onSaved(
        outcome === "handed_off"
          ? t("outcome.handedOver", { ticket: v.ticket, service: services.find((s) => s.id === target)?.name ?? target })
          : t("outcome.saved", { ticket: v.ticket }),
      );
    } catch (err) {
      setProblem(describeProblem(err, t, { fieldIds: { hand_to_service_id: "outcome-service", note: "outcome-note" } }));
    } finally {
      setBusy(false);
    }
  }

  const serviceError = problem.fields.hand_to_service_id;
  const noteError = problem.fields.note;
  return (
    <section class="office-card" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t("outcome.title", { ticket: v.ticket })}</h2>
      <ErrorSummary title={t("common.errorSummary")} items={problem.summary} />
      <form class="office-form" onSubmit={submit} noValidate>
        <Radios
          name="outcome"
          legend={t("outcome.legend")}
          error={problem.fields.outcome}
          value={outcome}
          onChange={(value) => setOutcome(value as Outcome)}
          options={(["resolved", "follow_up", "handed_off"] as const).map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        />
        {outcome === "handed_off" && (
          <div class={`field${serviceError ? " field--error" : ""}`}>
            <label class="field__label" for="outcome-service">{t("outcome.service")}</label>
            {serviceError && <p class="field__error" id="outcome-service-error">{serviceError}</p>}
            <select
              id="outcome-service"
              class="field__input"
              value={target}
              aria-invalid={serviceError ? "true" : undefined}
              aria-describedby={serviceError ? "outcome-service-error" : undefined}
              onChange={(e) => setTarget(e.currentTarget.value)}
            >
              <option value="">{t("outcome.servicePick")}</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>{s.label}</option>
              ))}
            </select>
          </div>
        )}
        <div class={`field${noteError ? " field--error" : ""}`}>
          <label class="field__label" for="outcome-note">{t("outcome.note")}</label>
          <p class="field__hint" id="outcome-note-hint">{t("outcome.noteHint")}</p>
          {noteError && <p class="field__error" id="outcome-note-error">{noteError}</p>}
          <textarea
            id="outcome-note"
            class="field__input"
            rows={4}
            maxLength={2000}
            value={note}
            aria-invalid={noteError ? "true" : undefined}
            aria-describedby={["outcome-note-hint", noteError ? "outcome-note-error" : ""].filter(Boolean).join(" ")}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
        <Button type="submit" busy={busy} busyLabel={t("outcome.saving")}>{t("outcome.save")}</Button>
      </form>
    </section>
  );
}
