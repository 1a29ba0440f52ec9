import { describe, expect, it } from "vitest";
import { ja, type KioskKey } from "./ja";
import { jaEasy } from "./ja-easy";
import { vi } from "./vi";
import { pt } from "./pt";
import { zh } from "./zh";
import { argumentNames, format } from "./index";

const kioskLanguages = { "ja-easy": jaEasy, vi, pt, zh } as const;
const officePrefix =
  /^(admin\.|dashboard\.|invite\.|outcome\.|queue\.|review\.|role\.|signIn\.|staff|terminal\.)/;
const kioskKeys = (Object.keys(ja) as (keyof typeof ja)[]).filter(
  (key): key is KioskKey => !officePrefix.test(key),
);

describe.each(Object.entries(kioskLanguages))("kiosk language %s", (_, messages) => {
  it("has every word a citizen can see, and nothing else", () => {
    expect(Object.keys(messages).sort()).toEqual([...kioskKeys].sort());
  });

  it("keeps the key order of ja.ts", () => {
    expect(Object.keys(messages)).toEqual(kioskKeys);
  });

  it("has no empty message", () => {
    for (const [key, value] of Object.entries(messages)) expect(value.trim(), key).not.toBe("");
  });

  it("uses the same placeholders as Japanese", () => {
    for (const key of kioskKeys) {
      expect(argumentNames(messages[key]), key).toEqual(argumentNames(ja[key]));
    }
  });
});

describe("Portuguese plurals", () => {
  it("say 1 minuto and 5 minutos", () => {
    expect(format(pt["kiosk.waiting.wait"], { minutes: 1 }, "pt")).toBe("Cerca de 1 minuto");
    expect(format(pt["kiosk.waiting.wait"], { minutes: 5 }, "pt")).toBe("Cerca de 5 minutos");
    expect(format(pt["card.pin.tries"], { tries: 1 }, "pt")).toBe("Você ainda pode tentar 1 vez.");
    expect(format(pt["card.pin.tries"], { tries: 2 }, "pt")).toBe("Você ainda pode tentar 2 vezes.");
  });
});
