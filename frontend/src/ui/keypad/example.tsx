import { I18nProvider } from "../../lib/i18n";
import { Keypad } from "./Keypad";

export const examples = {
  keypad: () => (
    <I18nProvider initial="ja">
      <label for="keypad-example">コード</label>
      <input id="keypad-example" value="" readOnly />
      <Keypad target="keypad-example" onDigit={() => {}} onDelete={() => {}} />
    </I18nProvider>
  ),
};
