import { I18nProvider, KIOSK_LANGS } from "../../lib/i18n";
import { KioskTools } from "./KioskTools";

export const examples = {
  japanese: () => (
    <I18nProvider initial="ja" langs={KIOSK_LANGS}>
      <KioskTools />
    </I18nProvider>
  ),
  english: () => (
    <I18nProvider initial="en" langs={KIOSK_LANGS}>
      <KioskTools />
    </I18nProvider>
  ),
};
