import { describe, expect, it } from "vitest";
import { render } from "preact-render-to-string";
import type { VNode } from "preact";

// Every component folder ships examples (src/ui/<component>/example.tsx); each must render and
// keep the basics a screen reader needs. The browser tests run axe on the real screens.
const modules = import.meta.glob<{ examples: Record<string, () => VNode> }>("./*/example.tsx", { eager: true });

const cases = Object.entries(modules).flatMap(([path, mod]) =>
  Object.entries(mod.examples).map(([name, make]) => [`${path.split("/")[1]}: ${name}`, make] as const),
);

describe("component examples", () => {
  it("exist for the components", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("%s renders accessibly", (_name, make) => {
    const html = render(make());
    expect(html.length).toBeGreaterThan(0);
    for (const [, id] of html.matchAll(/<input[^>]*\sid="([^"]+)"/g)) {
      expect(html, `input #${id} has a label`).toContain(`for="${id}"`);
    }
    for (const [, inner] of html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)) {
      expect(inner!.replace(/<[^>]+>/g, "").trim(), "button has text").not.toBe("");
    }
    for (const [, ids] of html.matchAll(/aria-(?:describedby|labelledby)="([^"]+)"/g)) {
      for (const id of ids!.split(" ")) expect(html, `#${id} exists`).toContain(`id="${id}"`);
    }
    expect(html).not.toMatch(/<img(?![^>]*\balt=)/);
  });
});
