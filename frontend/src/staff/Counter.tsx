import { useEffect, useState } from "preact/hooks";
import { api } from "../lib/api";
import { localized, useI18n, type Lang } from "../lib/i18n";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import type { WaitingTicket } from "../lib/protocol.gen";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { Notice } from "../ui/notice/Notice";
import { HelpCalls } from "./HelpCalls";
import { useCounterQueue } from "./live";
import { OutcomeForm } from "./Outcome";
import { languageName, StaffCall } from "./StaffCall";
import "./counter.css";

/**
 * The clerk's counter: their status, the citizen they are handling (the call, then the outcome),
 * and everyone waiting at their counters, live. All of it is the server's CounterQueue, so a
 * reload comes back to the same citizen.
 */
export function Counter() {
  const { t, lang } = useI18n();
  const { queue, setQueue, live, refresh } = useCounterQueue();
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string>("");
  const [hungUp, setHungUp] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  async function run(kind: string, action: () => Promise<void>, conflict?: "queue.acceptLost" | "queue.nobodyWaiting") {
    if (busy) return;
    setBusy(kind);
    setProblem(NO_PROBLEM);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      // 409: a colleague was quicker (or nobody is left); said in the clerk's language.
      setProblem(describeProblem(e, t, conflict ? { byStatus: { 409: conflict } } : {}));
      void refresh().catch(() => undefined);
    } finally {
      setBusy("");
    }
  }

  const accepted = async (take: () => Promise<unknown>) => {
    await take();
    await refresh();
  };

  if (!queue) return <p role="status">{t("common.loading")}</p>;
  const current = queue.current;
  const wrapUp = current && (current.status === "wrap_up" || hungUp === current.id);

  return (
    <section class="counter" aria-labelledby="counter-title">
      <h2 id="counter-title" class="visually-hidden">{t("queue.title")}</h2>
      {!live && <Notice kind="warning">{t("queue.liveDown")}</Notice>}
      <ErrorSummary title={t("common.errorTitle")} items={problem.summary} />
      {notice && <Notice kind="success">{notice}</Notice>}

      <div class="counter__status">
        <dl class="counter__availability">
          <dt>{t("queue.statusLabel")}</dt>
          <dd data-testid="availability">{t(`queue.availability.${queue.availability}`)}</dd>
        </dl>
        {queue.availability !== "in_call" && (
          <Button
            variant="secondary"
            busy={busy === "availability"}
            onClick={() =>
              run("availability", async () =>
                setQueue(await api.setAvailability(queue.availability === "away" ? "available" : "away")),
              )
            }
          >
            {queue.availability === "away" ? t("queue.setAvailable") : t("queue.setAway")}
          </Button>
        )}
      </div>

      {current && !wrapUp && (
        <StaffCall
          key={current.id}
          visit={current}
          onEnded={() => setHungUp(current.id)}
          onNoShow={() =>
            run("noshow", async () => {
              await api.noShow(current.id);
              setNotice(t("outcome.noShowSaved", { ticket: current.ticket }));
              await refresh();
            })
          }
        />
      )}
      {current && wrapUp && (
        <OutcomeForm
          key={current.id}
          visit={current}
          onSaved={(message) => {
            setNotice(message);
            setHungUp(null);
            void refresh();
          }}
        />
      )}

      <HelpCalls calls={queue.help_calls ?? []} onAnswered={setQueue} />

      <section class="office-card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("queue.waitingTitle", { count: queue.waiting.length })}</h2>
        {queue.availability === "away" && <p>{t("queue.awayNote")}</p>}
        {!current && queue.availability === "available" && queue.waiting.length > 0 && (
          <div class="office-row counter__next">
            <Button busy={busy === "next"} busyLabel={t("queue.accepting")} aria-describedby="accept-next-hint" onClick={() => run("next", () => accepted(() => api.acceptNext()), "queue.nobodyWaiting")}>
              {t("queue.acceptNext")}
            </Button>
            <p id="accept-next-hint">{t("queue.acceptNextHint")}</p>
          </div>
        )}
        {queue.waiting.length === 0 ? (
          <p>{t("queue.empty")}</p>
        ) : (
          <div class="counter__table-wrap">
            <table class="counter__table">
              <thead>
                <tr>
                  <th scope="col">{t("queue.ticket")}</th>
                  <th scope="col">{t("queue.service")}</th>
                  <th scope="col">{t("queue.place")}</th>
                  <th scope="col">{t("queue.language")}</th>
                  <th scope="col">{t("queue.waited")}</th>
                  {!current && queue.availability === "available" && <td />}
                </tr>
              </thead>
              <tbody>
                {queue.waiting.map((w) => (
                  <Row key={w.visit_id} w={w} now={now} canAccept={!current && queue.availability === "available"} busy={busy === w.visit_id}
                    onAccept={() => run(w.visit_id, () => accepted(() => api.accept(w.visit_id)), "queue.acceptLost")} lang={lang} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function Row(props: { w: WaitingTicket; now: number; canAccept: boolean; busy: boolean; onAccept: () => void; lang: Lang }) {
  const { t } = useI18n();
  const { w } = props;
  const waited = Math.max(0, Math.floor((props.now - Date.parse(w.queued_at)) / 1000));
  return (
    <tr>
      <th scope="row" class="counter__ticket">{w.ticket}</th>
      <td>
        {localized(w.service_name, props.lang)}
        {w.handed_over && <span class="office-tag counter__badge">{t("queue.handedOver")}</span>}
      </td>
      <td>{t("queue.placeValue", { place: w.place, terminal: w.terminal_name })}</td>
      <td>{languageName(w.language, t)}</td>
      <td class="counter__waited">
        {t("queue.waitedValue", { minutes: Math.floor(waited / 60), seconds: waited % 60 })}
      </td>
      {props.canAccept && (
        <td>
          <Button variant="secondary" busy={props.busy} busyLabel={t("queue.accepting")} onClick={props.onAccept}>
            {t("queue.acceptRow", { ticket: w.ticket })}
          </Button>
        </td>
      )}
    </tr>
  );
}
