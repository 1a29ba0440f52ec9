import { I18nProvider } from "../../lib/i18n";
import { IdleWarning } from "./IdleWarning";

export const examples = {
  warning: () => (
    <I18nProvider initial="ja">
      <IdleWarning secondsLeft={30} onStay={() => {}} />
    </I18nProvider>
  ),
};
