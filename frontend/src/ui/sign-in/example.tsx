import { I18nProvider } from "../../lib/i18n";
import { SignIn } from "./SignIn";

export const examples = {
  signIn: () => (
    <I18nProvider initial="ja">
      <SignIn onSignedIn={() => {}} />
    </I18nProvider>
  ),
};
