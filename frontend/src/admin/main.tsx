import { render } from "preact";
import "../styles/base.css";
import { I18nProvider } from "../lib/i18n";
import { App } from "./App";

render(
  <I18nProvider storageKey="madoguchi.staff.lang">
    <App />
  </I18nProvider>,
  document.getElementById("app")!,
);
