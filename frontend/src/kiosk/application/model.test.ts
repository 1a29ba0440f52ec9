import { describe, expect, it } from "vitest";
import type { ApplicationView } from "../../lib/applications";
import type { PendingRow } from "../../lib/applicationOutbox";
import { kioskStep, sectionState, shownValue } from "./model";

const text = (ja: string) => ({ ja, en: ja });
const H1 = "1".repeat(64);
const H2 = "2".repeat(64);

function app(over: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: "a1",
    visit_id: "v1",
    service_id: "bank-address-change",
    form: {
      id: "bank-address-change",
      version: 1,
      title: text("住所変更届"),
      sections: [
        { id: "customer", title: text("お客さま"), fields: [{ id: "name", kind: "text", label: text("氏名"), help: text(""), prefill: "name" }] },
        { id: "address", title: text("新しい住所"), fields: [{ id: "postal_code", kind: "postal_code", label: text("郵便番号"), help: text("") }] },
      ],
    },
    values: { name: "笠間 太郎", postal_code: "309-1611" },
    errors: [],
    prefilled: [],
    card_prefill_consent: true,
    sections: [
      { id: "customer", content_hash: H1, confirmed: false, disputed: false },
      { id: "address", content_hash: H2, confirmed: false, disputed: false },
    ],
    signature: { signed: false, valid: false, signed_at: null },
    content_hash: "c".repeat(64),
    ready_to_submit: false,
    status: "draft",
    return_reason: "",
    receipt_number: null,
    ...over,
  };
}

const row = (action: PendingRow["action"], created_at = 1): PendingRow => ({ key: "k", scope: "v1", action, created_at });
const local = { pending: [] as PendingRow[], consentAnswered: false };

describe("the kiosk's application steps", () => {
  it("asks for consent first when the form takes card data, once", () => {
    const v = app({ card_prefill_consent: false });
    expect(kioskStep(v, local).kind).toBe("consent");
    expect(kioskStep(v, { ...local, consentAnswered: true }).kind).toBe("section");
    expect(kioskStep(v, { ...local, pending: [row({ kind: "consent", card_prefill: false })] }).kind).toBe("section");
  });

  it("shows the first section not confirmed; waits while the clerk still has fields to fill", () => {
    expect(kioskStep(app(), local)).toMatchObject({ kind: "section", index: 0, total: 2, state: "open" });
    const typing = app({ errors: [{ field: "name", message: "入力してください" }] });
    expect(kioskStep(typing, local)).toMatchObject({ kind: "section", index: 0, state: "waiting" });
    const first = app({ sections: [{ ...app().sections[0]!, confirmed: true }, app().sections[1]!] });
    expect(kioskStep(first, local)).toMatchObject({ kind: "section", index: 1 });
    expect(kioskStep(first, { ...local, looking: "customer" })).toMatchObject({ index: 0, state: "confirmed" });
  });

  it("counts an unsent confirmation of what is on screen as given, and a stale one not", () => {
    const v = app();
    const section = v.form.sections[0]!;
    expect(sectionState(v, section, [row({ kind: "confirm", section_id: "customer", content_hash: H1 })])).toEqual({ state: "confirmed", sending: true });
    expect(sectionState(v, section, [row({ kind: "confirm", section_id: "customer", content_hash: H2 })])).toEqual({ state: "open", sending: false });
    expect(sectionState(v, section, [row({ kind: "dispute", section_id: "customer" })])).toEqual({ state: "disputed", sending: true });
    const disputed = app({ sections: [{ ...v.sections[0]!, disputed: true }, v.sections[1]!] });
    expect(sectionState(disputed, section, [])).toEqual({ state: "disputed", sending: false });
  });

  it("goes to the signature when every section is confirmed, then waits for the clerk", () => {
    const confirmed = app({ sections: app().sections.map((s) => ({ ...s, confirmed: true })) });
    expect(kioskStep(confirmed, local).kind).toBe("sign");
    const strokes = [[[1, 2, 0.5, 0]]] as [number, number, number, number][][];
    const unsent = row({ kind: "signature", signature: { content_hash: confirmed.content_hash, strokes, png: "iVBOR" } });
    expect(kioskStep(confirmed, { ...local, pending: [unsent] })).toEqual({ kind: "signed", sending: true });
    const signed = { ...confirmed, signature: { signed: true, valid: true, signed_at: "2026-12-04T00:00:00Z" } };
    expect(kioskStep(signed, local)).toEqual({ kind: "signed", sending: false });
    expect(kioskStep(signed, { ...local, resign: true }).kind).toBe("sign");
    // Changed after signing: the signature no longer counts, so it is asked for again.
    expect(kioskStep({ ...signed, signature: { ...signed.signature, valid: false } }, local).kind).toBe("sign");
  });

  it("shows the receipt once submitted", () => {
    expect(kioskStep(app({ status: "submitted", receipt_number: "20261204-0001" }), local)).toEqual({ kind: "receipt", receipt: "20261204-0001" });
  });
});

describe("values as the citizen reads them", () => {
  const words = { yes: "はい", no: "いいえ", label: (l: { ja: string }) => l.ja };
  it("says choices and yes/no in words and card dates in 和暦", () => {
    const choice = { id: "sex", kind: "choice" as const, label: text("性別"), help: text(""), choices: [{ value: "1", label: text("男") }] };
    expect(shownValue(choice, "1", "ja", words)).toBe("男");
    expect(shownValue({ ...choice, kind: "yes_no" }, "no", "ja", words)).toBe("いいえ");
    const date = { id: "birth_date", kind: "date" as const, label: text("生年月日"), help: text("") };
    expect(shownValue(date, "1945-03-01", "ja", words)).toBe("昭和20年3月1日");
    expect(shownValue(date, "昭和20年3月1日", "ja", words)).toBe("昭和20年3月1日");
    expect(shownValue(date, "  ", "ja", words)).toBe("");
  });
});

describe("the status page's address", () => {
  it("reads the receipt number the QR code carries", async () => {
    const { receiptFromHash } = await import("./StatusPage");
    const { statusPageUrl } = await import("../../lib/applications");
    const url = new URL(statusPageUrl("https://madoguchi.example", "20261204-0001"));
    expect(url.pathname).toBe("/kiosk/");
    expect(receiptFromHash(url.hash)).toBe("20261204-0001");
    expect(receiptFromHash("#/status")).toBe("");
  });
});
