import type { ComponentChildren } from "preact";
import { useI18n } from "../../lib/i18n";
import type { Me } from "../../lib/protocol.gen";
import { LanguageSwitch } from "../language-switch/LanguageSwitch";
import "./app-header.css";

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

/** Office header: app name, who is signed in, the app's sections, language. */
export function AppHeader(props: { title: string; me?: Me; nav?: NavItem[]; actions?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="app-header__bar">
        <p class="app-header__title">{props.title}</p>
        {props.me && (
          <p class="app-header__who">
            {t("dashboard.signedInAs", { name: props.me.display_name })}（{t(`role.${props.me.role}`)}）
          </p>
        )}
        <LanguageSwitch />
        {props.actions}
      </div>
      {props.nav && props.nav.length > 0 && (
        <nav class="app-header__nav" aria-label={t("staff.nav.label")}>
          <ul>
            {props.nav.map((n) => (
              <li key={n.href}>
                <a href={n.href} aria-current={n.current ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
