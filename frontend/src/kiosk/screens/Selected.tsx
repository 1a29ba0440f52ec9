import { localized, useI18n } from "../../lib/i18n";
import type { Provider, Service } from "../../lib/protocol.gen";
import { Button } from "../../ui/button/Button";
import { ServiceIcon } from "../../ui/service-tile/ServiceIcon";
import { Frame } from "./Frame";

/** Confirms the choice in very large print. The visit and queue replace this in a later issue. */
export function Selected(props: { service: Service; provider: Provider; onBack: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Frame title={t("kiosk.selected.title")}>
      <div class="chosen">
        <ServiceIcon name={props.service.icon} class="chosen__icon" />
        <div>
          <p class="chosen__name">{localized(props.service.name, lang)}</p>
          <p>{localized(props.service.description, lang)}</p>
          <p>{t("kiosk.selected.provider", { provider: localized(props.provider.name, lang) })}</p>
        </div>
      </div>
      <p class="kiosk__lead">{t("kiosk.selected.next")}</p>
      <Button wide onClick={props.onBack} class="kiosk__back">
        <span aria-hidden="true">←</span> {t("common.back")}
      </Button>
    </Frame>
  );
}
