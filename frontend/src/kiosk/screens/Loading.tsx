import { useI18n } from "../../lib/i18n";

export function Loading() {
  const { t } = useI18n();
  return (
    <div class="kiosk">
      <main class="kiosk__main">
        <p class="kiosk__loading" role="status">{t("common.loading")}</p>
      </main>
    </div>
  );
}
