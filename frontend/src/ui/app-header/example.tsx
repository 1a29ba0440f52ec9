import { I18nProvider } from "../../lib/i18n";
import { AppHeader } from "./AppHeader";

export const examples = {
  header: () => (
    <I18nProvider initial="ja">
      <AppHeader
        title="マドグチ 管理"
        me={{
          id: "u1",
          display_name: "佐藤 花子",
          role: "admin",
          providers: [],
          session: { id: "s1", created_at: "2026-01-01T00:00:00Z", last_seen_at: "2026-01-01T00:00:00Z", expires_at: "2026-01-02T00:00:00Z" },
        }}
        nav={[{ href: "#/staff", label: "職員", current: true }, { href: "#/terminals", label: "端末" }]}
      />
    </I18nProvider>
  ),
};
