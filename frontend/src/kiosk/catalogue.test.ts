import { describe, expect, it } from "vitest";
import type { Provider } from "../lib/protocol.gen";
import { groupProviders } from "./catalogue";

const provider = (id: string, kind: Provider["kind"], services = 1): Provider => ({
  id,
  kind,
  name: { ja: id, en: id },
  services: Array.from({ length: services }, (_, i) => ({
    id: `${id}-${i}`,
    provider_id: id,
    kind: "consultation",
    name: { ja: "s", en: "s" },
    description: { ja: "d", en: "d" },
    icon: "talk",
    needs_identity_check: false,
  })),
});

describe("groupProviders", () => {
  it("splits city departments from private counters, keeping order", () => {
    const g = groupProviders({
      providers: [provider("bank", "private"), provider("care", "municipal"), provider("health", "municipal")],
    });
    expect(g.municipal.map((p) => p.id)).toEqual(["care", "health"]);
    expect(g.private.map((p) => p.id)).toEqual(["bank"]);
  });

  it("leaves out providers that offer nothing", () => {
    const g = groupProviders({ providers: [provider("empty", "municipal", 0)] });
    expect(g.municipal).toEqual([]);
  });
});
