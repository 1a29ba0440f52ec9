import { useEffect, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { localized, useI18n } from "../../lib/i18n";
import type { Catalogue, Provider, Service } from "../../lib/protocol.gen";
import { Notice } from "../../ui/notice/Notice";
import { LanguageChoice } from "../../ui/language-switch/LanguageSwitch";
import { ServiceTile } from "../../ui/service-tile/ServiceTile";
import { isLockedOut } from "../App";
import { groupProviders } from "../catalogue";
import { Frame } from "./Frame";

/** How often the welcome screen asks whether this kiosk is still enrolled. */
const TERMINAL_CHECK_MS = 60_000;

type Load = { status: "loading" } | { status: "ready"; catalogue: Catalogue } | { status: "failed" };

export function Welcome(props: {
  onChooseService: (service: Service, provider: Provider) => void;
  onLockedOut: () => void;
  /** A ticket is being taken (the tile was touched). */
  taking?: boolean;
  /** The last touch did not give a ticket. */
  failed?: boolean;
}) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let live = true;
    const check = () =>
      api.terminalMe().then(
        () => live && setOffline(false),
        (e) => {
          if (!live) return;
          if (isLockedOut(e)) props.onLockedOut();
          else setOffline(true);
        },
      );
    void check();
    api.catalogue().then(
      (catalogue) => live && setLoad({ status: "ready", catalogue }),
      (e) => {
        if (!live) return;
        if (isLockedOut(e)) props.onLockedOut();
        else setLoad({ status: "failed" });
      },
    );
    const timer = setInterval(check, TERMINAL_CHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const groups = load.status === "ready" ? groupProviders(load.catalogue) : null;

  return (
    <Frame title={t("kiosk.welcome.greeting")} titleClass="kiosk__title--greeting" idle="after-touch" language={false}>
      {/* The language first: a citizen who cannot read Japanese finds their own language's name here. */}
      <section class="kiosk__languages language-switch--section" aria-labelledby="welcome-language">
        <h2 id="welcome-language">{t("common.language")}</h2>
        <LanguageChoice big />
      </section>
      <p class="kiosk__lead">{t("kiosk.welcome.lead")}</p>
      {offline && <Notice kind="warning">{t("kiosk.welcome.offline")}</Notice>}
      {props.failed && !props.taking && <Notice kind="warning">{t("kiosk.visit.takeFailed")}</Notice>}
      {props.taking && <p role="status" class="kiosk__lead">{t("kiosk.visit.taking")}</p>}
      {load.status === "loading" && <p role="status">{t("common.loading")}</p>}
      {load.status === "failed" && <Notice kind="warning">{t("kiosk.welcome.catalogueError")}</Notice>}
      {groups && !groups.municipal.length && !groups.private.length && <p>{t("kiosk.welcome.empty")}</p>}
      {groups &&
        (["municipal", "private"] as const).map(
          (kind) =>
            groups[kind].length > 0 && (
              <section class="kiosk__group" aria-labelledby={`group-${kind}`} key={kind}>
                <h2 id={`group-${kind}`}>{t(kind === "municipal" ? "kiosk.welcome.municipal" : "kiosk.welcome.private")}</h2>
                <ul class="service-tiles">
                  {groups[kind].flatMap((provider) =>
                    provider.services.map((service) => (
                      <li key={service.id}>
                        <ServiceTile
                          service={service}
                          provider={localized(provider.name, lang)}
                          onChoose={(s) => props.onChooseService(s, provider)}
                        />
                      </li>
                    )),
                  )}
                </ul>
              </section>
            ),
        )}
    </Frame>
  );
}
