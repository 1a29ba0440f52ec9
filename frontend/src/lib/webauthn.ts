/**
 * Passkeys in the page: the server's JSON options go through the browser's own JSON parsers and
 * the credential comes back as toJSON(), which is what py_webauthn on the server reads.
 */
import { api } from "./api";
import type { Me, Passkey, RegistrationOptions } from "./protocol.gen";

export class PasskeyError extends Error {
  constructor(
    readonly reason: "unsupported" | "cancelled" | "failed",
    cause?: unknown,
  ) {
    super(reason, { cause });
    this.name = "PasskeyError";
  }
}

export function passkeysSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.PublicKeyCredential !== "undefined" &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function"
  );
}

function fromBrowser(e: unknown): PasskeyError {
  // NotAllowedError is what the browser says for "user cancelled" and for "timed out".
  if (e instanceof DOMException && (e.name === "NotAllowedError" || e.name === "AbortError")) {
    return new PasskeyError("cancelled", e);
  }
  return new PasskeyError("failed", e);
}

async function create(options: RegistrationOptions["options"]): Promise<unknown> {
  if (!passkeysSupported()) throw new PasskeyError("unsupported");
  let credential: Credential | null;
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
      options as unknown as PublicKeyCredentialCreationOptionsJSON,
    );
    credential = await navigator.credentials.create({ publicKey });
  } catch (e) {
    throw fromBrowser(e);
  }
  if (!(credential instanceof PublicKeyCredential)) throw new PasskeyError("failed");
  return credential.toJSON();
}

export async function registerWithInvite(token: string, nickname?: string): Promise<Me> {
  const { options } = await api.invitePasskeyOptions(token);
  const credential = await create(options);
  return api.acceptInvite(token, credential, nickname);
}

export async function addPasskey(nickname?: string): Promise<Passkey> {
  const { options } = await api.myPasskeyOptions();
  const credential = await create(options);
  return api.addMyPasskey(credential, nickname);
}

export async function signInWithPasskey(): Promise<Me> {
  if (!passkeysSupported()) throw new PasskeyError("unsupported");
  const { challenge_id, options } = await api.signInOptions();
  let credential: Credential | null;
  try {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(
      options as unknown as PublicKeyCredentialRequestOptionsJSON,
    );
    credential = await navigator.credentials.get({ publicKey, mediation: "optional" });
  } catch (e) {
    throw fromBrowser(e);
  }
  if (!(credential instanceof PublicKeyCredential)) throw new PasskeyError("failed");
  return api.signIn(challenge_id, credential.toJSON());
}
