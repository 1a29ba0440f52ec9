import { describe, expect, it } from "vitest";
import type { CardReadAnswer } from "../../lib/bridge/types";
import { cardReadBody, formatBirthDate } from "./CardFlow";

const answer = (withMyNumber: boolean): CardReadAnswer => ({
  type: "card_read",
  id: "1",
  reader: "R",
  card_type: "jp-mynumber-2016",
  person: { name: "山田 太郎", address: "笠間市", birth_date: "1945-03-01", sex: "1" },
  files: [
    { name: "basic_info", application: "text", fid: "0002", data: "QkFTSUM=" },
    { name: "signature", application: "text", fid: "0003", data: "U0lHTg==" },
    { name: "certificate", application: "text", fid: "0004", data: "Q0VSVA==" },
    ...(withMyNumber ? [{ name: "my_number", application: "text", fid: "0001", data: "TVlOVU0=" }] : []),
  ],
  my_number: withMyNumber ? "123456789018" : null,
});

describe("what the kiosk sends to the server", () => {
  it("is the three EF records, exactly as read", () => {
    expect(cardReadBody(answer(false), false)).toEqual({ basic_info: "QkFTSUM=", signature: "U0lHTg==", certificate: "Q0VSVA==" });
  });

  it("carries the My Number record only when the service has a legal basis", () => {
    expect(cardReadBody(answer(true), false)).not.toHaveProperty("my_number");
    expect(cardReadBody(answer(true), true).my_number).toBe("TVlOVU0=");
  });

  it("never carries the decoded number or the person the bridge parsed", () => {
    const body = JSON.stringify(cardReadBody(answer(true), true));
    expect(body).not.toContain("123456789018");
    expect(body).not.toContain("山田");
  });

  it("refuses an answer with a file missing", () => {
    const broken = answer(false);
    broken.files = broken.files.slice(1);
    expect(() => cardReadBody(broken, false)).toThrow();
  });
});

describe("birth date", () => {
  it("reads in the Japanese era with the western year, or plainly in English", () => {
    expect(formatBirthDate("1941-07-15", "ja")).toBe("昭和16年7月15日（1941年）");
    expect(formatBirthDate("1941-07-15", "en")).toBe("15 July 1941");
    expect(formatBirthDate(null, "en")).toBe("");
  });
});
