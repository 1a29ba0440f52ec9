import { I18nProvider } from "../../lib/i18n";
import { ConfirmButton } from "./ConfirmButton";

export const examples = {
  confirm: () => (
    <I18nProvider initial="ja">
      <ConfirmButton label="端末を取り消す" question="この端末を取り消しますか？" onConfirm={() => {}} />
    </I18nProvider>
  ),
};
