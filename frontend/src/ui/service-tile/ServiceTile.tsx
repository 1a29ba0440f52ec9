import type { Service } from "../../lib/protocol.gen";
import { localized, useI18n } from "../../lib/i18n";
import { ServiceIcon } from "./ServiceIcon";
import "./service-tile.css";

/** One service as a big button: icon, who offers it, name, one line of description. */
export function ServiceTile(props: { service: Service; provider?: string; onChoose: (service: Service) => void }) {
  const { lang, t } = useI18n();
  const s = props.service;
  // The accessible name is the tile's own text, name first, so "label in name" holds for voice control.
  return (
    <button type="button" class="service-tile" onClick={() => props.onChoose(s)}>
      <ServiceIcon name={s.icon} class="service-tile__icon" />
      <span class="service-tile__text">
        <span class="service-tile__name">{localized(s.name, lang)}</span>
        {props.provider && <span class="service-tile__provider">{props.provider}</span>}
        <span class="service-tile__description">
          {localized(s.description, lang)}
          {s.needs_identity_check && <span class="service-tile__badge">{t("kiosk.tile.identity")}</span>}
        </span>
      </span>
    </button>
  );
}
