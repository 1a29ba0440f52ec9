import { I18nProvider } from "../../lib/i18n";
import { HelpButton } from "./HelpButton";

export const examples = {
  help: () => (
    <I18nProvider initial="ja">
      <HelpButton />
    </I18nProvider>
  ),
  waiting: () => (
    <I18nProvider initial="ja">
      <HelpButton status="waiting" />
    </I18nProvider>
  ),
  failed: () => (
    <I18nProvider initial="ja">
      <HelpButton status="failed" />
    </I18nProvider>
  ),
};
