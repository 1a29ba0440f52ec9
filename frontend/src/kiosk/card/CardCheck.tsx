import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n";
import type { Service, Visit } from "../../lib/protocol.gen";
import { CardFlow } from "./CardFlow";
import "./card.css";

type CatalogueService = Service & { collects_my_number?: boolean };

let services: Promise<Map<string, CatalogueService>> | null = null;

function findService(id: string): Promise<CatalogueService | undefined> {
  services ??= api.catalogue().then(
    (c) => new Map(c.providers.flatMap((p) => p.services.map((s) => [s.id, s as CatalogueService] as const))),
    (e) => {
      services = null;
      throw e;
    },
  );
  return services.then((m) => m.get(id));
}

/**
 * The "Confirm with my My Number Card" button on the visit screen (waiting or in the call), for
 * services that need an identity check. The card flow opens as a modal dialog on top, so the
 * call underneath keeps running and the citizen comes back to exactly where they were.
 */
export function CardCheck(props: { visit: Visit }) {
  const { t } = useI18n();
  const [service, setService] = useState<CatalogueService | null>(null);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    findService(props.visit.service_id).then(
      (s) => live && setService(s ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.visit.service_id]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  if (!service?.needs_identity_check) return null;

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <div class="card-check">
      <p class="card-check__hint">{t("card.startHint")}</p>
      <button type="button" class="button button--primary button--wide card-check__start" ref={opener} onClick={() => setOpen(true)}>
        <svg class="card-check__icon" viewBox="0 0 48 32" aria-hidden="true" focusable="false">
          <rect x="2" y="2" width="44" height="28" rx="4" fill="none" stroke="currentColor" stroke-width="3" />
          <circle cx="14" cy="15" r="5" fill="none" stroke="currentColor" stroke-width="3" />
          <path d="M24 12h16M24 19h12" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
        </svg>
        {t("card.start")}
      </button>
      <dialog
        ref={dialog}
        class="card-dialog"
        aria-label={t("card.dialog")}
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
      >
        {open && <CardFlow visitId={props.visit.id} collectsMyNumber={service.collects_my_number === true} onClose={close} />}
      </dialog>
    </div>
  );
}
