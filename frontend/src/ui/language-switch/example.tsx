import { I18nProvider, KIOSK_LANGS } from "../../lib/i18n";
import { LanguageChoice, LanguageSwitch } from "./LanguageSwitch";

export const examples = {
  japanese: () => (
    <I18nProvider initial="ja">
      <LanguageSwitch />
    </I18nProvider>
  ),
  kioskButton: () => (
    <I18nProvider initial="vi" langs={KIOSK_LANGS}>
      <LanguageSwitch />
    </I18nProvider>
  ),
  kioskChoice: () => (
    <I18nProvider initial="ja" langs={KIOSK_LANGS}>
      <LanguageChoice big />
    </I18nProvider>
  ),
};
