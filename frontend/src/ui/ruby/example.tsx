import { I18nProvider, KIOSK_LANGS } from "../../lib/i18n";
import { FuriganaToggle } from "./FuriganaToggle";
import { rubyVNodes } from "./render";

export const examples = {
  toggleOn: () => (
    <I18nProvider initial="ja" langs={KIOSK_LANGS}>
      <FuriganaToggle />
    </I18nProvider>
  ),
  toggleOff: () => (
    <I18nProvider initial="ja-easy" langs={KIOSK_LANGS} furigana={false}>
      <FuriganaToggle />
    </I18nProvider>
  ),
  text: () => <p>{rubyVNodes([["健康", "けんこう"], ["相談", "そうだん"], "の", ["窓口", "まどぐち"]])}</p>,
};
