import { I18nProvider } from "../../lib/i18n";
import type { Service } from "../../lib/protocol.gen";
import { ServiceTile } from "./ServiceTile";

export const exampleService: Service = {
  id: "health-consultation",
  provider_id: "kenko-zoshin",
  kind: "consultation",
  icon: "health",
  needs_identity_check: false,
  name: { ja: "健康相談", en: "Health advice" },
  description: { ja: "保健師に体や健康のことを相談できます", en: "Talk to a public health nurse about your health" },
};

export const examples = {
  tile: () => (
    <I18nProvider initial="ja">
      <ServiceTile service={exampleService} provider="健康増進課" onChoose={() => {}} />
    </I18nProvider>
  ),
  identity: () => (
    <I18nProvider initial="en">
      <ServiceTile service={{ ...exampleService, id: "card", icon: "card", needs_identity_check: true }} onChoose={() => {}} />
    </I18nProvider>
  ),
};
