import { render } from "preact";
import { registerSW } from "virtual:pwa-register";
import "../styles/base.css";
import "./kiosk.css";
import { I18nProvider } from "../lib/i18n";
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

render(
  <I18nProvider initial="ja">
    <App onScreen={(name) => gate.screenChanged(name)} />
  </I18nProvider>,
  document.getElementById("app")!,
);
