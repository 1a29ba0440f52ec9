import { describe, expect, it } from "vitest";
import { ApiProblem } from "./api";
import { translator } from "./i18n";
import { describeProblem } from "./problems";
import { PasskeyError } from "./webauthn";

const t = translator("en");

describe("describeProblem", () => {
  it("puts a field error beside its field and links it from the summary", () => {
    const p = new ApiProblem({
      status: 422,
      detail: "Check the form",
      errors: [{ field: "display_name", message: "Required" }, { field: "mystery", message: "Odd" }],
    });
    const d = describeProblem(p, t, { fieldIds: { display_name: "invite-name" } });
    expect(d.fields.display_name).toBe("Required");
    expect(d.summary).toEqual([
      { message: "Check the form" },
      { message: "Required", href: "invite-name" },
      { message: "Odd" },
    ]);
  });

  it("uses our own words for a known status", () => {
    const p = new ApiProblem({ status: 404, detail: "enrolment code not found" });
    const d = describeProblem(p, t, { byStatus: { 404: "kiosk.enrol.unknownCode" } });
    expect(d.summary).toEqual([{ message: t("kiosk.enrol.unknownCode") }]);
  });

  it("falls back to the server's detail, then title", () => {
    expect(describeProblem(new ApiProblem({ status: 409, detail: "Already revoked" }), t).summary[0]?.message).toBe(
      "Already revoked",
    );
    expect(describeProblem(new ApiProblem({ status: 500, title: "Server Error" }), t).summary[0]?.message).toBe(
      "Server Error",
    );
  });

  it("says 'could not connect' for network failures", () => {
    const d = describeProblem(new ApiProblem({ status: 0 }), t);
    expect(d.summary[0]?.message).toBe(t("common.networkError"));
  });

  it("explains a cancelled passkey prompt", () => {
    expect(describeProblem(new PasskeyError("cancelled"), t).summary[0]?.message).toBe(t("signIn.cancelled"));
    const asInvite = describeProblem(new PasskeyError("cancelled"), t, { passkeyCancelled: "invite.cancelled" });
    expect(asInvite.summary[0]?.message).toBe(t("invite.cancelled"));
    expect(describeProblem(new PasskeyError("unsupported"), t).summary[0]?.message).toBe(t("signIn.unsupported"));
  });

  it("never shows a raw exception", () => {
    expect(describeProblem(new Error("TypeError: x is undefined"), t).summary[0]?.message).toBe(t("common.unexpected"));
  });
});
