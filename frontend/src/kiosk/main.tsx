import { render } from "preact";
import { registerSW } from "virtual:pwa-register";
import "../styles/base.css";
import "./kiosk.css";
import { I18nProvider, KIOSK_LANGS } from "../lib/i18n";
import { Furigana, installFurigana } from "../ui/ruby/Furigana";
import { App } from "./App";
import { UpdateGate } from "./update";

let updateSW: (reload?: boolean) => Promise<void> = async () => {};
const gate = new UpdateGate(() => void updateSW(true));

if ("serviceWorker" in navigator) {
  updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => gate.updateWaiting(),
  });
}
for (const type of ["pointerdown", "keydown"] as const) {
  addEventListener(type, () => gate.activity(), { passive: true, capture: true });
}

installFurigana();
render(
  <I18nProvider initial="ja" langs={KIOSK_LANGS}>
    <Furigana>
      <App onScreen={(name) => gate.screenChanged(name)} />
    </Furigana>
  </I18nProvider>,
  document.getElementById("app")!,
);
