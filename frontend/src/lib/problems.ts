/**
 * Turns any failure (ApiProblem, PasskeyError, anything thrown) into polite words for the screen:
 * a summary list for the top of the form and one message per field for beside the field.
 */
import { ApiProblem } from "./api";
import type { MessageKey, T } from "./i18n";
import { PasskeyError } from "./webauthn";

export interface Described {
  summary: { message: string; href?: string }[];
  fields: Record<string, string>;
}

export const NO_PROBLEM: Described = { summary: [], fields: {} };

export function describeProblem(
  error: unknown,
  t: T,
  options: {
    /** our own wording for a status, in place of the server's detail */
    byStatus?: Partial<Record<number, MessageKey>>;
    /** field name in the API → id of its input on the page */
    fieldIds?: Record<string, string>;
    /** what to say when the person closed the passkey prompt */
    passkeyCancelled?: MessageKey;
  } = {},
): Described {
  if (error instanceof PasskeyError) {
    const key: MessageKey =
      error.reason === "cancelled" ? (options.passkeyCancelled ?? "signIn.cancelled") : error.reason === "unsupported" ? "signIn.unsupported" : "signIn.failed";
    return { summary: [{ message: t(key) }], fields: {} };
  }
  if (!(error instanceof ApiProblem)) {
    return { summary: [{ message: t("common.unexpected") }], fields: {} };
  }
  if (error.isNetwork) return { summary: [{ message: t("common.networkError") }], fields: {} };

  const fields = error.fieldErrors();
  const summary: Described["summary"] = [];
  const own = options.byStatus?.[error.status];
  const known = Object.keys(fields).filter((f) => options.fieldIds?.[f]);
  for (const f of known) summary.push({ message: fields[f]!, href: options.fieldIds![f] });
  // Field errors we cannot place beside a field still have to be said somewhere.
  for (const [f, m] of Object.entries(fields)) if (!options.fieldIds?.[f]) summary.push({ message: m });
  if (own) summary.unshift({ message: t(own) });
  else if (!summary.length) summary.push({ message: error.detail || error.title || t("common.unexpected") });
  else if (error.detail) summary.unshift({ message: error.detail });
  return { summary, fields };
}
