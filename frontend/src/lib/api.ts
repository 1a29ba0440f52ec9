/**
 * The HTTP client for the backend: JSON in, JSON out, cookies same-origin, and every failure
 * turned into an ApiProblem (RFC 9457 problem details) so screens can show `detail` and put each
 * field error next to its field.
 */
import type {
  Catalogue,
  CounterQueue,
  FieldError,
  HelpState,
  InviteCreate,
  InviteCreated,
  InviteInfo,
  Me,
  Passkey,
  PendingInvite,
  RegistrationOptions,
  SignInOptions,
  StaffMember,
  StaffVisit,
  Terminal,
  TerminalCreate,
  TerminalCreated,
  Visit,
  VisitEnd,
} from "./protocol.gen";

export type Role = Me["role"];
export type TerminalKind = Terminal["kind"];

export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(p: { status: number; type?: string; title?: string; detail?: string; errors?: FieldError[] }) {
    super(p.detail || p.title || `HTTP ${p.status}`);
    this.name = "ApiProblem";
    this.status = p.status;
    this.type = p.type ?? "about:blank";
    this.title = p.title ?? "";
    this.detail = p.detail ?? "";
    this.errors = p.errors ?? [];
  }

  /** No answer from the server at all (offline, DNS, connection refused). */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The first message for each field, keyed by field name. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) if (!(e.field in out)) out[e.field] = e.message;
    return out;
  }
}

/** Dispatched on window whenever the server answers 401. */
export const UNAUTHORIZED_EVENT = "madoguchi:unauthorized";

let acceptLanguage = "ja";
/** The screens' language goes to the server so it can word its problem details to match. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

function isFieldError(v: unknown): v is FieldError {
  return (
    typeof v === "object" && v !== null &&
    typeof (v as FieldError).field === "string" && typeof (v as FieldError).message === "string"
  );
}

/** Reads an error response into an ApiProblem, whatever shape the body has. */
export async function problemFrom(response: Response): Promise<ApiProblem> {
  const base = { status: response.status, title: response.statusText };
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return new ApiProblem(base);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiProblem(base);
  }
  if (typeof body !== "object" || body === null) return new ApiProblem(base);
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return new ApiProblem({
    status: typeof b.status === "number" ? b.status : response.status,
    type: str(b.type),
    title: str(b.title) ?? response.statusText,
    detail: str(b.detail),
    errors: Array.isArray(b.errors) ? b.errors.filter(isFieldError) : [],
  });
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": acceptLanguage,
  };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiProblem({ status: 0, title: "network", detail: e instanceof Error ? e.message : "" });
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    // A session that ended elsewhere (idle timeout, "sign out everywhere", an admin) shows up as
    // a 401 on any call: tell the app once, wherever the call was made.
    if (problem.status === 401 && typeof dispatchEvent === "function") {
      dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: { path } }));
    }
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const enc = encodeURIComponent;

export const api = {
  catalogue: () => request<Catalogue>("GET", "/api/catalogue"),

  terminalMe: () => request<Terminal>("GET", "/api/terminal/me"),
  enrol: (code: string) => request<Terminal>("POST", "/api/terminal/enrol", { code }),

  takeTicket: (service_id: string, language: string) => request<Visit>("POST", "/api/visits", { service_id, language }),
  currentVisit: () => request<Visit>("GET", "/api/visits/current"),
  visit: (id: string) => request<Visit>("GET", `/api/visits/${enc(id)}`),
  leaveQueue: (id: string) => request<Visit>("POST", `/api/visits/${enc(id)}/cancel`),
  askForHelp: (visit_id: string | null) =>
    request<HelpState>("POST", "/api/terminal/help", visit_id ? { visit_id } : {}),
  helpState: () => request<HelpState>("GET", "/api/terminal/help"),

  counterQueue: () => request<CounterQueue>("GET", "/api/staff/queue"),
  setAvailability: (availability: "available" | "away") =>
    request<CounterQueue>("PUT", "/api/staff/availability", { availability }),
  acceptNext: (provider_id?: string) =>
    request<StaffVisit>("POST", "/api/staff/visits/next", provider_id ? { provider_id } : {}),
  accept: (id: string) => request<StaffVisit>("POST", `/api/staff/visits/${enc(id)}/accept`),
  endVisit: (id: string, body: VisitEnd) => request<StaffVisit>("POST", `/api/staff/visits/${enc(id)}/end`, body),
  noShow: (id: string) => request<StaffVisit>("POST", `/api/staff/visits/${enc(id)}/no-show`),
  answerHelp: (id: string) => request<CounterQueue>("POST", `/api/staff/help/${enc(id)}/answer`),

  invite: (token: string) => request<InviteInfo>("GET", `/api/invites/${enc(token)}`),
  invitePasskeyOptions: (token: string) =>
    request<RegistrationOptions>("POST", `/api/invites/${enc(token)}/passkey-options`),
  acceptInvite: (token: string, credential: unknown, nickname?: string) =>
    request<Me>("POST", `/api/invites/${enc(token)}/passkey`, { credential, ...(nickname ? { nickname } : {}) }),

  signInOptions: () => request<SignInOptions>("POST", "/api/auth/passkey-options"),
  signIn: (challenge_id: string, credential: unknown) =>
    request<Me>("POST", "/api/auth/sign-in", { challenge_id, credential }),
  signOut: () => request<void>("POST", "/api/auth/sign-out"),
  signOutEverywhere: () => request<void>("POST", "/api/auth/sign-out-everywhere"),
  me: () => request<Me>("GET", "/api/me"),
  myPasskeyOptions: () => request<RegistrationOptions>("POST", "/api/me/passkey-options"),
  addMyPasskey: (credential: unknown, nickname?: string) =>
    request<Passkey>("POST", "/api/me/passkeys", { credential, ...(nickname ? { nickname } : {}) }),

  staff: () => request<StaffMember[]>("GET", "/api/admin/staff"),
  createInvite: (body: InviteCreate) => request<InviteCreated>("POST", "/api/admin/invites", body),
  pendingInvites: () => request<PendingInvite[]>("GET", "/api/admin/invites"),
  revokePasskey: (id: string) => request<void>("DELETE", `/api/admin/passkeys/${enc(id)}`),
  endSession: (id: string) => request<void>("DELETE", `/api/admin/sessions/${enc(id)}`),
  endAllSessions: (userId: string) => request<void>("DELETE", `/api/admin/staff/${enc(userId)}/sessions`),
  terminals: () => request<Terminal[]>("GET", "/api/admin/terminals"),
  createTerminal: (body: TerminalCreate) => request<TerminalCreated>("POST", "/api/admin/terminals", body),
  revokeTerminal: (id: string) => request<Terminal>("POST", `/api/admin/terminals/${enc(id)}/revoke`),
};
