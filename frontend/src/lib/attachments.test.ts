import { describe, expect, it } from "vitest";
import { documentPages, kioskContentUrl, shownOf, staffContentUrl } from "./attachments";
import type { AttachmentInfo } from "./protocol.gen";

const item = (id: string, kind: AttachmentInfo["kind"], original_id: string | null = null): AttachmentInfo => ({
  id,
  kind,
  media_type: "image/jpeg",
  size: 1,
  created_at: "2026-12-04T18:00:00Z",
  delete_after: "2027-12-04T18:00:00Z",
  original_id,
});

describe("attachments", () => {
  it("shows the straightened page when the server found one, else the still as taken", () => {
    expect(shownOf([item("a", "document"), item("b", "document_corrected", "a")])?.id).toBe("b");
    expect(shownOf([item("a", "document")])?.id).toBe("a");
    expect(shownOf([])).toBeUndefined();
  });

  it("lists each captured page once, straightened where possible, and no photos", () => {
    const list = [
      item("a", "document"),
      item("b", "document_corrected", "a"),
      item("c", "document"), // no page found in it: shown as taken
      item("p", "photo"),
    ];
    expect(documentPages(list).map((a) => a.id)).toEqual(["b", "c"]);
  });

  it("builds content addresses with the ids escaped", () => {
    expect(kioskContentUrl("v/1", "a b")).toBe("/api/visits/v%2F1/attachments/a%20b/content");
    expect(staffContentUrl("v", "a")).toBe("/api/staff/visits/v/attachments/a/content");
  });
});
