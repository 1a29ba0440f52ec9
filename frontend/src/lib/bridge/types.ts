/**
 * The device bridge's wire types (device_bridge/protocol.py, PROTOCOL.md v1), written by hand:
 * the bridge is a separate program with its own schema (`madoguchi-bridge schema`).
 */

export const BRIDGE_PROTOCOL = 1;
export const DEFAULT_BRIDGE_URL = "ws://127.0.0.1:47321";

export type PinStateName = "ok" | "last_try" | "locked";
export type ReaderEventKind = "reader_added" | "reader_removed" | "card_inserted" | "card_removed" | "pcsc_up" | "pcsc_down";

// --- page → bridge ---
export interface Hello { type: "hello"; protocol: number; pairing_id: string; proof: string }
export interface Pair { type: "pair"; protocol: number; code: string; label?: string }
export interface ListDevices { type: "list_devices"; id: string }
export interface GetPinStatus { type: "get_pin_status"; id: string; reader: string }
export interface ReadCard {
  type: "read_card";
  id: string;
  reader: string;
  pin: string;
  legal_basis_for_my_number?: boolean;
  allow_last_try?: boolean;
}
export interface CameraOffer { type: "camera_offer"; id: string; camera: string; sdp: string }
export interface CameraStop { type: "camera_stop"; id: string; camera: string }
export interface CaptureStill { type: "capture_still"; id: string; camera: string }
export type BridgeRequest = ListDevices | GetPinStatus | ReadCard | CameraOffer | CameraStop | CaptureStill;

// --- bridge → page ---
export interface Challenge { type: "challenge"; protocol: number; nonce: string }
export interface Welcome { type: "welcome"; protocol: number; bridge_version: string; card_types: string[] }
export interface Paired { type: "paired"; pairing_id: string; secret: string }
export interface Refused { type: "refused"; code: string; message_en: string; message_ja: string; protocol: number }
export interface ReaderStatus { name: string; card_present: boolean }
export interface CameraInfo { id: string; label: string; kind: "v4l2" | "simulated"; still_width: number; still_height: number }
export interface Devices { type: "devices"; id: string | null; pcsc_available: boolean; readers: ReaderStatus[]; cameras: CameraInfo[] }
export interface ReaderEvent { type: "reader_event"; event: ReaderEventKind; reader: string | null }
export interface PinStatus { type: "pin_status"; id: string; reader: string; tries_left: number | null; state: PinStateName }
export interface Person { name: string; address: string; birth_date: string; sex: string }
export interface CardFile { name: string; application: string; fid: string; data: string }
export interface CardReadAnswer {
  type: "card_read";
  id: string;
  reader: string;
  card_type: string;
  person: Person;
  files: CardFile[];
  my_number: string | null;
}
export interface CameraAnswer { type: "camera_answer"; id: string; camera: string; sdp: string }
export interface CameraStopped { type: "camera_stopped"; id: string; camera: string }
export interface Still { type: "still"; id: string; camera: string; width: number; height: number; mime: string; data: string }
export interface ErrorMessage {
  type: "error";
  id: string | null;
  code: string;
  message_en: string;
  message_ja: string;
  tries_left?: number | null;
  pin_state?: PinStateName | null;
}
export type BridgeMessage =
  | Challenge | Welcome | Paired | Refused | Devices | ReaderEvent | PinStatus | CardReadAnswer
  | CameraAnswer | CameraStopped | Still | ErrorMessage;

/** Stable error codes (PROTOCOL.md), plus `not_running` and `timeout` which this client adds. */
export type BridgeErrorCode =
  | "pcsc_unavailable" | "reader_not_found" | "reader_gone" | "no_card" | "card_removed"
  | "card_not_supported" | "card_busy" | "card_error"
  | "pin_format" | "pin_wrong" | "pin_last_try" | "pin_locked"
  | "camera_not_found" | "camera_failed" | "bad_message"
  | "not_paired" | "pairing_closed" | "pairing_code_wrong" | "protocol_mismatch"
  | "not_running" | "timeout";
