/**
 * What the kiosk shows of the application, worked out from the server's view and what this kiosk
 * still holds unsent (a confirmation kept while the network was down counts as given, so the
 * citizen is never asked twice). Pure: the screens only draw the step.
 */
import type { ApplicationView } from "../../lib/applications";
import type { PendingRow } from "../../lib/applicationOutbox";
import type { Lang } from "../../lib/i18n";
import type { FieldSpec, Section } from "../../lib/protocol.gen";

export type SectionState = "open" | "waiting" | "confirmed" | "disputed";

export type KioskStep =
  | { kind: "consent" }
  | { kind: "section"; index: number; total: number; section: Section; state: SectionState; sending: boolean }
  | { kind: "sign" }
  | { kind: "signed"; sending: boolean }
  | { kind: "receipt"; receipt: string };

export interface KioskLocal {
  pending: PendingRow[];
  /** The citizen answered the consent question on this kiosk (yes or no). */
  consentAnswered: boolean;
  /** A section the citizen went back to look at again. */
  looking?: string;
  /** The citizen asked to sign again. */
  resign?: boolean;
}

export function needsConsent(view: ApplicationView): boolean {
  return view.form.sections.some((s) => s.fields.some((f) => f.prefill));
}

/** A section's state as the citizen should see it, counting what this kiosk has not sent yet. */
export function sectionState(view: ApplicationView, section: Section, pending: PendingRow[]): { state: SectionState; sending: boolean } {
  const server = view.sections.find((s) => s.id === section.id);
  const mine = pending.filter((r) => (r.action.kind === "confirm" || r.action.kind === "dispute") && r.action.section_id === section.id).at(-1);
  if (mine?.action.kind === "dispute") return { state: "disputed", sending: true };
  if (mine?.action.kind === "confirm" && mine.action.content_hash === server?.content_hash) return { state: "confirmed", sending: true };
  if (server?.confirmed) return { state: "confirmed", sending: false };
  if (server?.disputed) return { state: "disputed", sending: false };
  return { state: sectionComplete(view, section) ? "open" : "waiting", sending: false };
}

/** Every field the clerk still has to fill or correct is done: only then can the citizen confirm. */
export function sectionComplete(view: ApplicationView, section: Section): boolean {
  const ids = new Set(section.fields.map((f) => f.id));
  return !view.errors.some((e) => ids.has(e.field));
}

export function kioskStep(view: ApplicationView, local: KioskLocal): KioskStep {
  if (view.status !== "draft") return { kind: "receipt", receipt: view.receipt_number ?? "" };
  const consentPending = local.pending.some((r) => r.action.kind === "consent");
  if (needsConsent(view) && !view.card_prefill_consent && !local.consentAnswered && !consentPending) return { kind: "consent" };
  const sections = view.form.sections;
  const states = sections.map((s) => sectionState(view, s, local.pending));
  const looking = sections.findIndex((s) => s.id === local.looking);
  const firstOpen = states.findIndex((s) => s.state !== "confirmed");
  const index = looking >= 0 && (firstOpen < 0 || looking <= firstOpen) ? looking : firstOpen;
  if (index >= 0) return { kind: "section", index, total: sections.length, section: sections[index]!, ...states[index]! };
  const signature = local.pending.find((r) => r.action.kind === "signature");
  if (!local.resign && signature?.action.kind === "signature" && signature.action.signature.content_hash === view.content_hash) {
    return { kind: "signed", sending: true };
  }
  if (!local.resign && view.signature.valid) return { kind: "signed", sending: false };
  return { kind: "sign" };
}

const DATE = (lang: Lang) =>
  new Intl.DateTimeFormat(lang.startsWith("ja") ? "ja-JP-u-ca-japanese" : lang, {
    era: lang.startsWith("ja") ? "long" : undefined,
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });

/** A value as the citizen reads it: a choice's words, a date the way they say dates. */
export function shownValue(
  spec: FieldSpec,
  raw: string | undefined,
  lang: Lang,
  words: { yes: string; no: string; label: (l: FieldSpec["label"]) => string },
): string {
  const value = (raw ?? "").trim();
  if (!value) return "";
  if (spec.kind === "choice") {
    const choice = spec.choices?.find((c) => c.value === value);
    return choice ? words.label(choice.label) : value;
  }
  if (spec.kind === "yes_no") return value === "yes" ? words.yes : value === "no" ? words.no : value;
  if (spec.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return DATE(lang).format(date);
  }
  return value;
}
