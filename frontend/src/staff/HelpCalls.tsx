import { useEffect, useState } from "preact/hooks";
import { api } from "../lib/api";
import { formatDateTime, useI18n } from "../lib/i18n";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import type { CounterQueue, HelpCall } from "../lib/protocol.gen";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";

/**
 * Kiosks whose citizen pressed たすけて, live from the queue socket. Every colleague sees them;
 * the first to say "I am going" clears the call for everyone and the kiosk is told.
 */
export function HelpCalls(props: { calls: HelpCall[]; onAnswered: (queue: CounterQueue) => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState(NO_PROBLEM);
  // A new call is announced once (role=alert on the list would repeat every snapshot).
  const [announced, setAnnounced] = useState("");
  const newest = props.calls.at(-1);
  useEffect(() => {
    if (newest) setAnnounced(t("staffHelp.announce", { place: newest.place, terminal: newest.terminal_name }));
  }, [newest?.id]);

  async function answer(call: HelpCall) {
    if (busy) return;
    setBusy(call.id);
    setProblem(NO_PROBLEM);
    try {
      props.onAnswered(await api.answerHelp(call.id));
    } catch (e) {
      // 404: a colleague answered first; the next snapshot removes the row.
      setProblem(describeProblem(e, t, { byStatus: { 404: "staffHelp.alreadyAnswered" } }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p class="visually-hidden" role="status">{announced}</p>
      {props.calls.length > 0 && (
        <section class="office-card help-calls" aria-labelledby="help-calls-title">
          <h2 id="help-calls-title">{t("staffHelp.title", { count: props.calls.length })}</h2>
          <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
          <ul class="help-calls__list">
            {props.calls.map((call) => (
              <li key={call.id} class="office-row help-calls__item" data-testid="help-call">
                <p class="help-calls__where">{t("queue.placeValue", { place: call.place, terminal: call.terminal_name })}</p>
                <p>{t("staffHelp.since", { time: formatDateTime(call.requested_at, lang) })}</p>
                <Button busy={busy === call.id} onClick={() => void answer(call)}>
                  {t("staffHelp.answer")}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
