import { I18nProvider } from "../../lib/i18n";
import { LanguageSwitch } from "./LanguageSwitch";

export const examples = {
  japanese: () => (
    <I18nProvider initial="ja">
      <LanguageSwitch />
    </I18nProvider>
  ),
};
