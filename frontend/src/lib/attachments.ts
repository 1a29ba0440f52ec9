/**
 * Attachments of a visit (backend/procedures/attachments.py): document stills the server
 * straightens, and photos or short videos shared from a home tablet after consent.
 * Uploads go as the raw body with upload progress (XMLHttpRequest: fetch cannot report it).
 */
import { ApiProblem, request } from "./api";
import type { AttachmentInfo, Retention } from "./protocol.gen";

export type UploadKind = "document" | "photo" | "video";

const enc = encodeURIComponent;

export function kioskContentUrl(visitId: string, attachmentId: string): string {
  return `/api/visits/${enc(visitId)}/attachments/${enc(attachmentId)}/content`;
}

export function staffContentUrl(visitId: string, attachmentId: string): string {
  return `/api/staff/visits/${enc(visitId)}/attachments/${enc(attachmentId)}/content`;
}

export const attachmentsApi = {
  kioskList: (visitId: string) => request<AttachmentInfo[]>("GET", `/api/visits/${enc(visitId)}/attachments`),
  staffList: (visitId: string) => request<AttachmentInfo[]>("GET", `/api/staff/visits/${enc(visitId)}/attachments`),
  retention: (visitId: string) => request<Retention>("GET", `/api/visits/${enc(visitId)}/attachments/retention`),
};

/** The page to show for an upload: the straightened one when the server found a page, else the original. */
export function shownOf(uploaded: AttachmentInfo[]): AttachmentInfo | undefined {
  return uploaded.find((a) => a.kind === "document_corrected") ?? uploaded[0];
}

/** The captured pages in order: each one straightened where the server found the page, else as taken. */
export function documentPages(list: AttachmentInfo[]): AttachmentInfo[] {
  const straightened = new Set(list.map((a) => a.original_id).filter(Boolean));
  return list.filter((a) => a.kind === "document_corrected" || (a.kind === "document" && !straightened.has(a.id)));
}

/** The server's media types: anything else is turned into JPEG first (photos) or refused (videos). */
export const UPLOAD_TYPES: Record<UploadKind, readonly string[]> = {
  document: ["image/jpeg", "image/png"],
  photo: ["image/jpeg", "image/png"],
  video: ["video/mp4", "video/webm"],
};

/**
 * Uploads one file from the kiosk; `onProgress` gets 0..1 as bytes leave. Rejects with an
 * ApiProblem (status 0 when the network failed) so callers show the same polite errors as elsewhere.
 */
export function uploadAttachment(
  visitId: string,
  kind: UploadKind,
  body: Blob,
  options: { consent?: boolean; onProgress?: (fraction: number) => void } = {},
): Promise<AttachmentInfo[]> {
  const query = new URLSearchParams({ kind });
  if (options.consent) query.set("consent", "true");
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/visits/${enc(visitId)}/attachments?${query}`);
    xhr.setRequestHeader("Content-Type", body.type);
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.upload.onprogress = (e) => e.lengthComputable && options.onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiProblem({ status: 0, title: "network", detail: "" }));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: described by the status below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && Array.isArray(parsed)) resolve(parsed as AttachmentInfo[]);
      else {
        const b = (parsed ?? {}) as { title?: unknown; detail?: unknown };
        reject(
          new ApiProblem({
            status: xhr.status,
            title: typeof b.title === "string" ? b.title : xhr.statusText,
            detail: typeof b.detail === "string" ? b.detail : undefined,
          }),
        );
      }
    };
    xhr.send(body);
  });
}
