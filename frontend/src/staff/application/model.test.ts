import { describe, expect, it } from "vitest";
import type { ApplicationView } from "../../lib/applications";
import { fieldError, fieldValue, settle } from "./model";

const view = {
  values: { name: "笠間 太郎", postal_code: "309-161" },
  errors: [
    { field: "postal_code", message: "郵便番号は7けたの数字です（例：309-1611）" },
    { field: "address", message: "入力してください" },
  ],
} as unknown as ApplicationView;

describe("the clerk's editor", () => {
  it("shows what was typed until the server holds it", () => {
    expect(fieldValue(view, { name: "笠間 太" }, "name")).toBe("笠間 太");
    expect(fieldValue(view, {}, "name")).toBe("笠間 太郎");
    expect(fieldValue(view, {}, "phone")).toBe("");
    expect(settle({ name: "笠間 太郎", postal_code: "3091611" }, view)).toEqual({ postal_code: "3091611" });
  });

  it("puts the server's words beside a field typed wrong, and 'please fill in' only when asked to submit", () => {
    expect(fieldError(view, {}, "postal_code", false)).toBe("郵便番号は7けたの数字です（例：309-1611）");
    expect(fieldError(view, { postal_code: "3091611" }, "postal_code", false)).toBeUndefined();
    expect(fieldError(view, {}, "address", false)).toBeUndefined();
    expect(fieldError(view, {}, "address", true)).toBe("入力してください");
  });
});
