import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiProblem, UNAUTHORIZED_EVENT, api, request, setApiLanguage } from "./api";

function respond(status: number, body?: unknown, contentType = "application/problem+json") {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": contentType };
  const init = { status, headers };
  const text = body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(text, init));
}

afterEach(() => vi.unstubAllGlobals());

describe("request()", () => {
  it("sends JSON with same-origin credentials and the screen language", async () => {
    const fetchMock = respond(200, { id: "t1" }, "application/json");
    vi.stubGlobal("fetch", fetchMock);
    setApiLanguage("en");
    await api.enrol("ABCD-1234");
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe("/api/terminal/enrol");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(JSON.parse(init.body as string)).toEqual({ code: "ABCD-1234" });
    const headers = init.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("application/json");
    expect(headers["Accept-Language"]).toBe("en");
    setApiLanguage("ja");
  });

  it("turns a problem+json answer into an ApiProblem with detail and field errors", async () => {
    vi.stubGlobal(
      "fetch",
      respond(422, {
        type: "https://madoguchi.example/problems/validation",
        title: "Invalid request",
        status: 422,
        detail: "Some fields need attention",
        errors: [
          { field: "display_name", message: "Required" },
          { field: "display_name", message: "Second message is ignored" },
          { field: "email", message: "Not an email address" },
          { nonsense: true },
        ],
      }),
    );
    const err = await api.createInvite({ display_name: "", role: "staff", provider_ids: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.status).toBe(422);
    expect(err.detail).toBe("Some fields need attention");
    expect(err.fieldErrors()).toEqual({ display_name: "Required", email: "Not an email address" });
    expect(err.isNetwork).toBe(false);
  });

  it("copes with an error that is not JSON (a proxy's HTML page)", async () => {
    vi.stubGlobal("fetch", respond(502, "<html>Bad gateway</html>", "text/html"));
    const err = await api.me().catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.status).toBe(502);
    expect(err.detail).toBe("");
    expect(err.errors).toEqual([]);
  });

  it("copes with a broken JSON error body", async () => {
    vi.stubGlobal("fetch", respond(500, "{not json", "application/problem+json"));
    const err = (await api.me().catch((e) => e)) as ApiProblem;
    expect(err.status).toBe(500);
  });

  it("reports a network failure as status 0", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("Failed to fetch"); }));
    const err = await api.catalogue().catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.isNetwork).toBe(true);
  });

  it("returns undefined for 204 No Content", async () => {
    vi.stubGlobal("fetch", respond(204));
    await expect(api.signOut()).resolves.toBeUndefined();
  });

  it("keeps 401 distinguishable for the kiosk's not-enrolled check", async () => {
    vi.stubGlobal("fetch", respond(401, { type: "about:blank", title: "Unauthorized", status: 401, detail: "Not enrolled" }));
    const err = (await request("GET", "/api/terminal/me").catch((e) => e)) as ApiProblem;
    expect(err.status).toBe(401);
  });

  it("announces a 401 so the app can return to sign-in", async () => {
    const seen: string[] = [];
    vi.stubGlobal("dispatchEvent", (e: CustomEvent<{ path: string }>) => {
      seen.push(`${e.type} ${e.detail.path}`);
      return true;
    });
    vi.stubGlobal("fetch", respond(401, { type: "/problems/not-signed-in", title: "Please sign in", status: 401, detail: "" }));
    await api.staff().catch(() => undefined);
    vi.stubGlobal("fetch", respond(403, { type: "/problems/forbidden", title: "Forbidden", status: 403, detail: "" }));
    await api.staff().catch(() => undefined);
    expect(seen).toEqual([`${UNAUTHORIZED_EVENT} /api/admin/staff`]);
  });

  it("escapes path parameters", async () => {
    const fetchMock = respond(200, {}, "application/json");
    vi.stubGlobal("fetch", fetchMock);
    await api.invite("a/b?c");
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe("/api/invites/a%2Fb%3Fc");
  });
});
