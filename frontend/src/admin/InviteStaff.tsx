import { useState } from "preact/hooks";
import { api, type Role } from "../lib/api";
import { formatDateTime, localized, useI18n } from "../lib/i18n";
import type { InviteCreated } from "../lib/protocol.gen";
import { describeProblem, NO_PROBLEM } from "../lib/problems";
import { Button } from "../ui/button/Button";
import { ErrorSummary } from "../ui/error-summary/ErrorSummary";
import { Checkboxes, Radios } from "../ui/field/Checkboxes";
import { TextField } from "../ui/field/TextField";
import { LoadFailed, LoadingLine, PageTitle } from "../ui/office-layout/OfficeLayout";
import { useLoad } from "./useLoad";

const ROLES: Role[] = ["staff", "supervisor", "admin"];
const FIELD_IDS = { display_name: "invite-name", role: "invite-role-staff", provider_ids: "invite-counters", email: "invite-email" };

/** Invite a staff member: name, role, counters, optional email → a one-time link to pass on. */
export function InviteStaff() {
  const { t, lang } = useI18n();
  const catalogue = useLoad(() => api.catalogue());
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("staff");
  const [providers, setProviders] = useState<string[]>([]);
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(NO_PROBLEM);
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!name.trim()) {
      const message = t("admin.invite.nameMissing");
      setProblem({ summary: [{ message, href: FIELD_IDS.display_name }], fields: { display_name: message } });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      setCreated(
        await api.createInvite({
          display_name: name.trim(),
          role,
          provider_ids: providers,
          ...(email.trim() ? { email: email.trim() } : {}),
        }),
      );
    } catch (err) {
      setProblem(describeProblem(err, t, { fieldIds: FIELD_IDS }));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <>
        <PageTitle>{t("admin.invite.created")}</PageTitle>
        <p>{t("admin.invite.createdLead", { date: formatDateTime(created.expires_at, lang) })}</p>
        <p>
          <output class="link-box" id="invite-url" aria-live="polite">{created.url}</output>
        </p>
        <div class="office-actions">
          <Button
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(created.url);
                setCopied(true);
              } catch {
                // Clipboard refused (insecure context or permission): the link is on screen to select.
                window.getSelection()?.selectAllChildren(document.getElementById("invite-url")!);
              }
            }}
          >
            {copied ? t("admin.invite.copied") : t("admin.invite.copy")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setCopied(false);
              setName("");
              setEmail("");
              setProviders([]);
              setRole("staff");
            }}
          >
            {t("admin.invite.another")}
          </Button>
        </div>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("admin.invite.title")}</PageTitle>
      <ErrorSummary title={t("common.errorSummary")} items={problem.summary} />
      <form class="office-form" onSubmit={submit} noValidate>
        <TextField
          id={FIELD_IDS.display_name}
          label={t("admin.invite.nameLabel")}
          error={problem.fields.display_name}
          value={name}
          onValue={setName}
          maxLength={100}
          autoComplete="off"
          required
        />
        <Radios
          name="invite-role"
          legend={t("admin.invite.roleLabel")}
          error={problem.fields.role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={role}
          onChange={(v) => setRole(v as Role)}
        />
        {catalogue.state.status === "loading" && <LoadingLine />}
        {catalogue.state.status === "failed" && (
          <LoadFailed message={describeProblem(catalogue.state.error, t).summary[0]?.message ?? ""} onRetry={() => void catalogue.reload()} />
        )}
        {catalogue.state.status === "ready" && (
          <div id="invite-counters" tabIndex={-1}>
            <Checkboxes
              name="invite-provider"
              legend={t("admin.invite.countersLabel")}
              hint={t("admin.invite.countersHint")}
              error={problem.fields.provider_ids}
              options={catalogue.state.data.providers.map((p) => ({ value: p.id, label: localized(p.name, lang) }))}
              selected={providers}
              onChange={setProviders}
            />
          </div>
        )}
        <TextField
          id={FIELD_IDS.email}
          type="email"
          label={`${t("admin.invite.emailLabel")}（${t("common.optional")}）`}
          hint={t("admin.invite.emailHint")}
          error={problem.fields.email}
          value={email}
          onValue={setEmail}
          autoComplete="off"
        />
        <Button type="submit" busy={busy} busyLabel={t("common.loading")}>
          {t("admin.invite.submit")}
        </Button>
      </form>
    </>
  );
}
