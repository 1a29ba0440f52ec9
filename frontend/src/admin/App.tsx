import { useState } from "preact/hooks";
import { api } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { describeProblem } from "../lib/problems";
import { useRoute } from "../lib/router";
import { useSession } from "../lib/session";
import { Button } from "../ui/button/Button";
import { Notice } from "../ui/notice/Notice";
import { LoadFailed, LoadingLine, OfficeLayout, PageTitle } from "../ui/office-layout/OfficeLayout";
import { SignIn } from "../ui/sign-in/SignIn";
import { InviteStaff } from "./InviteStaff";
import { StaffList } from "./StaffList";
import { Terminals } from "./Terminals";

/** Admin app: staff and their passkeys/sessions, invitations, terminals. Routes: #/staff, #/invite, #/terminals. */
export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const session = useSession();
  const [notice, setNotice] = useState<string | undefined>();
  const title = t("admin.title");
  const s = session.state;

  if (s.status !== "signed-in") {
    return (
      <OfficeLayout appTitle={title}>
        {s.status === "loading" && <LoadingLine />}
        {s.status === "error" && (
          <LoadFailed message={describeProblem(s.error, t).summary[0]?.message ?? ""} onRetry={() => void session.reload()} />
        )}
        {s.status === "signed-out" && (
          <SignIn notice={notice ?? (s.status === "signed-out" && s.expired ? t("signIn.expired") : undefined)} onSignedIn={(me) => { setNotice(undefined); session.signedIn(me); }} />
        )}
      </OfficeLayout>
    );
  }

  const page = route === "/invite" ? "invite" : route === "/terminals" ? "terminals" : "staff";
  const signOut = (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          await api.signOut();
        } finally {
          setNotice(t("common.signedOutNotice"));
          session.signedOut();
        }
      }}
    >
      {t("dashboard.signOut")}
    </Button>
  );

  if (s.me.role !== "admin") {
    return (
      <OfficeLayout appTitle={title} me={s.me} actions={signOut}>
        <PageTitle>{title}</PageTitle>
        <Notice kind="warning">{t("admin.notAdmin")}</Notice>
        <p><a href="/staff/">{t("staff.nav.staffApp")}</a></p>
      </OfficeLayout>
    );
  }

  const nav = [
    { href: "#/staff", label: t("admin.nav.staff"), current: page === "staff" },
    { href: "#/invite", label: t("admin.nav.invite"), current: page === "invite" },
    { href: "#/terminals", label: t("admin.nav.terminals"), current: page === "terminals" },
    { href: "/staff/", label: t("staff.nav.staffApp") },
  ];
  return (
    <OfficeLayout appTitle={title} me={s.me} nav={nav} actions={signOut}>
      {page === "staff" && <StaffList key="staff" />}
      {page === "invite" && <InviteStaff key="invite" />}
      {page === "terminals" && <Terminals key="terminals" />}
    </OfficeLayout>
  );
}
