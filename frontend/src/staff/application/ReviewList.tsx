import { useEffect, useState } from "preact/hooks";
import { applicationApi, type ApplicationView } from "../../lib/applications";
import { localized, useI18n, type Lang } from "../../lib/i18n";
import { describeProblem, NO_PROBLEM, type Described } from "../../lib/problems";
import { Button } from "../../ui/button/Button";
import { ErrorSummary } from "../../ui/error-summary/ErrorSummary";
import { Notice } from "../../ui/notice/Notice";
import { PageTitle } from "../../ui/office-layout/OfficeLayout";
import { SummaryList } from "../../ui/summary-list/SummaryList";
import "./application.css";

type Step = "in_review" | "accepted" | "returned";

/** Submitted applications at my counters, oldest first: start the review, accept, or return with a reason. */
export function ReviewList() {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<ApplicationView[] | null>(null);
  const [problem, setProblem] = useState<Described>(NO_PROBLEM);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState("");
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [reasonErrors, setReasonErrors] = useState<Record<string, string>>({});

  const load = () =>
    applicationApi.reviewList().then(setRows, (e) => {
      setRows([]);
      setProblem(describeProblem(e, t));
    });

  useEffect(() => void load(), []);

  async function move(app: ApplicationView, status: Step) {
    if (busy) return;
    const reason = (reasons[app.id] ?? "").trim();
    if (status === "returned" && !reason) {
      setReasonErrors({ ...reasonErrors, [app.id]: t("review.reasonEmpty") });
      document.getElementById(`reason-${app.id}`)?.focus();
      return;
    }
    setBusy(`${app.id}:${status}`);
    setProblem(NO_PROBLEM);
    setDone(null);
    setReasonErrors({});
    try {
      const next = await applicationApi.review(app.id, status, reason);
      setDone(t(`review.done.${status}`, { receipt: next.receipt_number ?? "" }));
      await load();
    } catch (e) {
      const described = describeProblem(e, t, { fieldIds: { reason: `reason-${app.id}` } });
      setProblem(described);
      if (described.fields.reason) setReasonErrors({ [app.id]: described.fields.reason });
    } finally {
      setBusy("");
    }
  }

  return (
    <>
      <PageTitle>{t("review.title")}</PageTitle>
      <p>
        <a href="#/">{t("review.back")}</a>
      </p>
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      {done && <Notice kind="success">{done}</Notice>}
      <p>{t("review.lead")}</p>
      {rows === null && <p role="status">{t("common.loading")}</p>}
      {rows?.length === 0 && <p>{t("review.empty")}</p>}
      {rows?.map((app) => (
        <section class="office-card review-item" key={app.id} aria-labelledby={`review-${app.id}`}>
          <h2 id={`review-${app.id}`}>{t("review.receipt", { receipt: app.receipt_number ?? "" })}</h2>
          <SummaryList
            rows={[
              { label: t("application.check.what"), value: localized(app.form.title, lang) },
              { label: t("review.statusLabel"), value: t(`review.status.${app.status}`) },
              ...app.form.sections.flatMap((s) =>
                s.fields
                  .filter((f) => app.values[f.id])
                  .map((f) => ({ label: localized(f.label, lang), value: displayed(app, f.id, lang) })),
              ),
            ]}
          />
          <p>
            <a class="button button--secondary" href={applicationApi.staffReceiptUrl(app.id)} target="_blank" rel="noopener">
              {t("staffApp.receiptPdf")}
            </a>
          </p>
          <div class={`field${reasonErrors[app.id] ? " field--error" : ""}`}>
            <label class="field__label" for={`reason-${app.id}`}>{t("review.reasonLabel")}</label>
            <p class="field__hint" id={`reason-${app.id}-hint`}>{t("review.reasonHint")}</p>
            {reasonErrors[app.id] && <p class="field__error" id={`reason-${app.id}-error`}>{reasonErrors[app.id]}</p>}
            <textarea
              id={`reason-${app.id}`}
              class="field__input"
              rows={3}
              value={reasons[app.id] ?? ""}
              aria-invalid={reasonErrors[app.id] ? "true" : undefined}
              aria-describedby={`reason-${app.id}-hint${reasonErrors[app.id] ? ` reason-${app.id}-error` : ""}`}
              onInput={(e) => setReasons({ ...reasons, [app.id]: e.currentTarget.value })}
            />
          </div>
          <div class="office-actions">
            {app.status === "submitted" && (
              <Button busy={busy === `${app.id}:in_review`} onClick={() => void move(app, "in_review")}>
                {t("review.start")}
              </Button>
            )}
            {app.status === "in_review" && (
              <Button busy={busy === `${app.id}:accepted`} onClick={() => void move(app, "accepted")}>
                {t("review.accept")}
              </Button>
            )}
            <Button variant="danger" busy={busy === `${app.id}:returned`} onClick={() => void move(app, "returned")}>
              {t("review.return")}
            </Button>
          </div>
        </section>
      ))}
    </>
  );
}

function displayed(app: ApplicationView, id: string, lang: Lang): string {
  const spec = app.form.sections.flatMap((s) => s.fields).find((f) => f.id === id);
  const value = app.values[id] ?? "";
  if (spec?.kind === "choice") {
    const choice = spec.choices?.find((c) => c.value === value);
    if (choice) return localized(choice.label, lang);
  }
  return value;
}
