import { useEffect, useState } from "preact/hooks";
import { request } from "../lib/api";
import { formatDateTime, useI18n } from "../lib/i18n";
import type { CardRead } from "../lib/protocol.gen";
import { Notice } from "../ui/notice/Notice";

/**
 * The clerk's view of the citizen's card reads in this visit: what the card says and whether the
 * server verified it against J-LIS ("verified from card"), or in plain words why not.
 */
export function CardReads(props: { visitId: string; changed: unknown }) {
  const { t, lang } = useI18n();
  const [reads, setReads] = useState<CardRead[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      request<CardRead[]>("GET", `/api/staff/visits/${encodeURIComponent(props.visitId)}/card-reads`).then(
        (r) => {
          if (!live) return;
          setReads(r);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    void load();
    return () => {
      live = false;
    };
    // A new card read is announced on the call's socket as a visit change: read again then.
  }, [props.visitId, props.changed]);

  return (
    <section class="card-reads" aria-labelledby="card-reads-title" data-testid="card-reads">
      <h3 id="card-reads-title">{t("staffCard.title")}</h3>
      {failed && <Notice kind="warning">{t("staffCard.loadFailed")}</Notice>}
      {reads && reads.length === 0 && <p>{t("staffCard.none")}</p>}
      {reads && reads.length > 0 && (
        <ul class="card-reads__list">
          {[...reads].reverse().map((r) => (
            <li key={r.id} class="card-reads__item">
              <p class="card-reads__name">
                <strong>{r.holder.name}</strong>{" "}
                {r.verified ? (
                  <span class="card-reads__badge card-reads__badge--verified">✓ {t("staffCard.verified")}</span>
                ) : (
                  <span class="card-reads__badge">{t("staffCard.unverified")}</span>
                )}
              </p>
              {!r.verified && r.problem && <p class="card-reads__problem">{r.problem}</p>}
              <p>
                {t("staffCard.birthDate")}: {r.holder.birth_date ?? ""} / {t("staffCard.address")}: {r.holder.address}
              </p>
              <p class="card-reads__time">{t("staffCard.readAt", { time: formatDateTime(r.read_at, lang) })}</p>
            </li>
          ))}
        </ul>
      )}
      <style>{CSS}</style>
    </section>
  );
}

// Kept with the component (one file is the whole of this panel); sizes come from the tokens.
const CSS = `
.card-reads { margin: var(--space-4) 0; padding: var(--space-3) var(--space-4); border: var(--border-width) solid var(--colour-border-soft); border-radius: var(--radius); }
.card-reads__list { list-style: none; margin: 0; padding: 0; }
.card-reads__item { padding: var(--space-2) 0; border-top: var(--border-width) solid var(--colour-border-soft); }
.card-reads__item:first-child { border-top: none; }
.card-reads__item p { margin: 0 0 var(--space-1); }
.card-reads__badge { display: inline-block; padding: 0 var(--space-2); border: var(--border-width) solid var(--colour-danger); color: var(--colour-danger); background: var(--colour-danger-bg); border-radius: var(--radius); font-weight: 700; }
.card-reads__badge--verified { border-color: var(--colour-success); color: var(--colour-success); background: var(--colour-success-bg); }
.card-reads__problem { color: var(--colour-danger); }
`;
