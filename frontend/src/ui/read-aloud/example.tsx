import { I18nProvider, KIOSK_LANGS } from "../../lib/i18n";
import { ReadAloud } from "./ReadAloud";

export const examples = {
  japanese: () => (
    <I18nProvider initial="ja" langs={KIOSK_LANGS}>
      <ReadAloud />
    </I18nProvider>
  ),
  portuguese: () => (
    <I18nProvider initial="pt" langs={KIOSK_LANGS}>
      <ReadAloud />
    </I18nProvider>
  ),
};
