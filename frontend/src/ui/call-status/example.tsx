import { I18nProvider } from "../../lib/i18n";
import { CallStatus } from "./CallStatus";

export const examples = {
  connected: () => (
    <I18nProvider initial="ja">
      <CallStatus status="connected" />
    </I18nProvider>
  ),
  reconnecting: () => (
    <I18nProvider initial="en">
      <CallStatus status="reconnecting" />
    </I18nProvider>
  ),
};
