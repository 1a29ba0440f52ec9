import { I18nProvider } from "../../lib/i18n";
import { OfficeLayout, PageTitle } from "./OfficeLayout";

export const examples = {
  page: () => (
    <I18nProvider initial="ja">
      <OfficeLayout appTitle="マドグチ 職員">
        <PageTitle>ダッシュボード</PageTitle>
        <p>本文</p>
      </OfficeLayout>
    </I18nProvider>
  ),
};
