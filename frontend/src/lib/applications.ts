/**
 * 書かない窓口 over HTTP: the clerk's editor and review list, the kiosk's read-only view with its
 * confirmations, consent and signature, and the citizen's status check. Types are the generated
 * protocol types; nothing here is written twice.
 */
import { request } from "./api";
import type { ApplicationView, CardRead, PostalAddress, ReceiptStatus } from "./protocol.gen";

export type { ApplicationView, ReceiptStatus };
export type ApplicationStatus = ApplicationView["status"];
/** [x, y, pressure, time]: one point of a stroke as the server stores it. */
export type StrokePoint = [number, number, number, number];

export interface SignatureBody {
  content_hash: string;
  strokes: StrokePoint[][];
  /** Base64 PNG without the data: prefix. */
  png: string;
}

const enc = encodeURIComponent;
const kiosk = (visitId: string) => `/api/visits/${enc(visitId)}/application`;

export const applicationApi = {
  // --- the clerk ---
  open: (visitId: string) => request<ApplicationView>("POST", `/api/staff/visits/${enc(visitId)}/application`),
  edit: (id: string, values: Record<string, string>) =>
    request<ApplicationView>("PATCH", `/api/staff/applications/${enc(id)}`, { values }),
  prefill: (id: string, card_read_id: string) =>
    request<ApplicationView>("POST", `/api/staff/applications/${enc(id)}/prefill`, { card_read_id }),
  submit: (id: string) => request<ApplicationView>("POST", `/api/staff/applications/${enc(id)}/submit`),
  cardReads: (visitId: string) => request<CardRead[]>("GET", `/api/staff/visits/${enc(visitId)}/card-reads`),
  reviewList: () => request<ApplicationView[]>("GET", "/api/staff/applications"),
  review: (id: string, status: "in_review" | "accepted" | "returned", reason = "") =>
    request<ApplicationView>("POST", `/api/staff/applications/${enc(id)}/review`, { status, reason }),
  postalAddress: (code: string) => request<PostalAddress>("GET", `/api/staff/postal-codes/${enc(code)}`),
  staffReceiptUrl: (id: string) => `/api/staff/applications/${enc(id)}/receipt.pdf`,

  // --- the kiosk ---
  show: (visitId: string) => request<ApplicationView>("GET", kiosk(visitId)),
  confirm: (visitId: string, sectionId: string, content_hash: string) =>
    request<ApplicationView>("POST", `${kiosk(visitId)}/sections/${enc(sectionId)}/confirm`, { content_hash }),
  dispute: (visitId: string, sectionId: string) =>
    request<ApplicationView>("POST", `${kiosk(visitId)}/sections/${enc(sectionId)}/dispute`),
  consent: (visitId: string, card_prefill: boolean) =>
    request<ApplicationView>("PUT", `${kiosk(visitId)}/consent`, { card_prefill }),
  sign: (visitId: string, body: SignatureBody) => request<ApplicationView>("PUT", `${kiosk(visitId)}/signature`, body),
  receiptUrl: (visitId: string) => `${kiosk(visitId)}/receipt.pdf`,

  // --- anyone with the receipt ---
  status: (receipt: string, birthDate: string) =>
    request<ReceiptStatus>("GET", `/api/receipts/${enc(receipt)}/status?birth_date=${enc(birthDate)}`),
};

/** Where the receipt's QR code points: the kiosk app's status page, which also opens on a phone. */
export function statusPageUrl(origin: string, receipt: string): string {
  return `${origin}/kiosk/#/status?receipt=${enc(receipt)}`;
}
