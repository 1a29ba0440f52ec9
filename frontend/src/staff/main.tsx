import { render } from "preact";
import "../styles/base.css";
import { I18nProvider } from "../lib/i18n";
import { App } from "./App";

render(
  // Furigana are for citizens at the kiosk: staff screens show plain kanji.
  <I18nProvider storageKey="madoguchi.staff.lang" furigana={false}>
    <App />
  </I18nProvider>,
  document.getElementById("app")!,
);
