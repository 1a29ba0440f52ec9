/** The hello proof: hex(HMAC-SHA256(secret, "madoguchi-bridge hello\n" + nonce + "\n" + origin)). */

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error("not hex");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function helloProof(secretHex: string, nonce: string, origin: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", fromHex(secretHex), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const message = new TextEncoder().encode(`madoguchi-bridge hello\n${nonce}\n${origin}`);
  return toHex(await crypto.subtle.sign("HMAC", key, message));
}
