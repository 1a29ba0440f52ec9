/**
 * The clerk's editor state, pure: what each field shows (what was typed wins over the server until
 * the server has it), which error to show beside it, and each section's state for the badge.
 */
import type { ApplicationView } from "../../lib/applications";
import type { Section } from "../../lib/protocol.gen";

export type Typed = Record<string, string>;

export function fieldValue(view: ApplicationView, typed: Typed, id: string): string {
  return typed[id] ?? view.values[id] ?? "";
}

/** After the server answered: drop what it now holds; keep what was typed since (still on its way). */
export function settle(typed: Typed, view: ApplicationView): Typed {
  const left: Typed = {};
  for (const [id, value] of Object.entries(typed)) if (value !== (view.values[id] ?? "")) left[id] = value;
  return left;
}

/**
 * The server's plain-words error for a field, once it refers to what is on screen: not while the
 * clerk's newer text is on its way, and "please fill in" only for a field that was touched or once
 * the clerk tried to submit (an empty form is not a page of errors).
 */
export function fieldError(view: ApplicationView, typed: Typed, id: string, showMissing: boolean): string | undefined {
  if (id in typed) return undefined;
  const error = view.errors.find((e) => e.field === id);
  if (!error) return undefined;
  const filled = (view.values[id] ?? "").trim() !== "";
  return filled || showMissing ? error.message : undefined;
}

export type SectionBadge = "confirmed" | "disputed" | "open";

export function sectionBadge(view: ApplicationView, section: Section): SectionBadge {
  const state = view.sections.find((s) => s.id === section.id);
  if (state?.disputed) return "disputed";
  return state?.confirmed ? "confirmed" : "open";
}

export function hasPrefill(view: ApplicationView): boolean {
  return view.form.sections.some((s) => s.fields.some((f) => f.prefill));
}
