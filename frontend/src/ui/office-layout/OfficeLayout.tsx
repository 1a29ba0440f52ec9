import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../../lib/i18n";
import type { Me } from "../../lib/protocol.gen";
import { AppHeader, type NavItem } from "../app-header/AppHeader";
import "./office-layout.css";
import { Notice } from "../notice/Notice";

/** Staff/admin page frame: skip link, header, one <main> whose h1 takes focus on a new page. */
export function OfficeLayout(props: {
  appTitle: string;
  me?: Me;
  nav?: NavItem[];
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = props.appTitle;
  }, [props.appTitle]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.querySelector("h1")?.focus(); }}>
        {t("common.skip")}
      </a>
      <AppHeader title={props.appTitle} me={props.me} nav={props.nav} actions={props.actions} />
      <main class="office-main" id="main" ref={main}>
        {props.children}
      </main>
    </>
  );
}

/** A page heading that takes focus when the page appears (screen readers announce it). */
export function PageTitle(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {props.children}
    </h1>
  );
}

export function LoadingLine() {
  const { t } = useI18n();
  return <p role="status">{t("common.loading")}</p>;
}

export function LoadFailed(props: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Notice kind="warning">
      <p>{props.message}</p>
      <button type="button" class="button button--secondary" onClick={props.onRetry}>
        {t("common.retry")}
      </button>
    </Notice>
  );
}
