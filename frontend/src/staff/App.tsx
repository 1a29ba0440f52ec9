import { useState } from "preact/hooks";
import { useI18n } from "../lib/i18n";
import { describeProblem } from "../lib/problems";
import { match, navigate, useRoute } from "../lib/router";
import { useSession } from "../lib/session";
import { LoadFailed, LoadingLine, OfficeLayout } from "../ui/office-layout/OfficeLayout";
import { SignIn } from "../ui/sign-in/SignIn";
import { Dashboard } from "./Dashboard";
import { ReviewList } from "./application/ReviewList";
import { InvitePage } from "./InvitePage";

/**
 * Staff app. Invitation links have the form /staff/#/invite/<token>: the token stays in the
 * fragment, so it never reaches server access logs or a Referer header.
 */
export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const session = useSession();
  const [notice, setNotice] = useState<string | undefined>();
  const invite = match("/invite/:token", route);
  const title = t("staff.title");

  if (invite) {
    return (
      <OfficeLayout appTitle={title}>
        <InvitePage
          token={invite.token!}
          onRegistered={(me) => {
            session.signedIn(me);
            navigate("/");
          }}
        />
      </OfficeLayout>
    );
  }

  const s = session.state;
  if (s.status === "signed-in") {
    return (
      <OfficeLayout appTitle={title} me={s.me}>
        {route === "/review" ? <ReviewList /> : <Dashboard
          me={s.me}
          onSignedOut={() => {
            setNotice(t("common.signedOutNotice"));
            session.signedOut();
          }}
        />}
      </OfficeLayout>
    );
  }
  return (
    <OfficeLayout appTitle={title}>
      {s.status === "loading" && <LoadingLine />}
      {s.status === "error" && (
        <LoadFailed message={describeProblem(s.error, t).summary[0]?.message ?? ""} onRetry={() => void session.reload()} />
      )}
      {s.status === "signed-out" && (
        <SignIn
          notice={notice ?? (s.status === "signed-out" && s.expired ? t("signIn.expired") : undefined)}
          onSignedIn={(me) => {
            setNotice(undefined);
            session.signedIn(me);
          }}
        />
      )}
    </OfficeLayout>
  );
}
