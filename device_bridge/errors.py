"""Stable error codes with the words shown to people, in English and Japanese.

The code is the contract with the kiosk page; the texts are defaults it may show as they are.
Words live here in one catalogue, never assembled from fragments in code.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    # Transport / PC/SC
    PCSC_UNAVAILABLE = "pcsc_unavailable"
    READER_NOT_FOUND = "reader_not_found"
    READER_GONE = "reader_gone"
    NO_CARD = "no_card"
    CARD_REMOVED = "card_removed"
    CARD_NOT_SUPPORTED = "card_not_supported"
    CARD_ERROR = "card_error"
    CARD_BUSY = "card_busy"
    # PIN
    PIN_FORMAT = "pin_format"
    PIN_WRONG = "pin_wrong"
    PIN_LAST_TRY = "pin_last_try"
    PIN_LOCKED = "pin_locked"
    # Camera
    CAMERA_NOT_FOUND = "camera_not_found"
    CAMERA_FAILED = "camera_failed"
    # Session / protocol
    PROTOCOL_MISMATCH = "protocol_mismatch"
    NOT_PAIRED = "not_paired"
    PAIRING_CLOSED = "pairing_closed"
    PAIRING_CODE_WRONG = "pairing_code_wrong"
    BAD_MESSAGE = "bad_message"


MESSAGES: dict[ErrorCode, tuple[str, str]] = {
    ErrorCode.PCSC_UNAVAILABLE: (
        "The card reader service (pcscd) is not running. Please ask staff to restart the kiosk.",
        "カードリーダーのサービス(pcscd)が動いていません。係員にお知らせください。",
    ),
    ErrorCode.READER_NOT_FOUND: (
        "No card reader with that name is connected.",
        "指定されたカードリーダーが見つかりません。",
    ),
    ErrorCode.READER_GONE: (
        "The card reader was disconnected. Please check its cable.",
        "カードリーダーの接続が切れました。ケーブルを確認してください。",
    ),
    ErrorCode.NO_CARD: (
        "There is no card on the reader. Please place your card on it.",
        "カードが置かれていません。カードをリーダーに置いてください。",
    ),
    ErrorCode.CARD_REMOVED: (
        "The card was taken away while it was being read. Please place it again and keep it still.",
        "読み取り中にカードが離れました。もう一度カードを置き、そのままお待ちください。",
    ),
    ErrorCode.CARD_NOT_SUPPORTED: (
        "This card is not a My Number Card. Please use your My Number Card.",
        "このカードはマイナンバーカードではありません。マイナンバーカードをお使いください。",
    ),
    ErrorCode.CARD_ERROR: (
        "The card could not be read. Please place it again.",
        "カードを読み取れませんでした。もう一度置いてください。",
    ),
    ErrorCode.CARD_BUSY: (
        "The card is being read. Please wait.",
        "カードを読み取り中です。お待ちください。",
    ),
    ErrorCode.PIN_FORMAT: (
        "The PIN is 4 digits.",
        "暗証番号は数字4けたです。",
    ),
    ErrorCode.PIN_WRONG: (
        "The PIN is not correct.",
        "暗証番号が違います。",
    ),
    ErrorCode.PIN_LAST_TRY: (
        "Only one try is left. If the PIN is wrong again the card locks: please ask staff for help.",
        "あと1回まちがえるとカードがロックされます。係員にご相談ください。",
    ),
    ErrorCode.PIN_LOCKED: (
        "The PIN is locked. It must be reset at the city hall counter.",
        "暗証番号がロックされています。市役所の窓口で再設定が必要です。",
    ),
    ErrorCode.CAMERA_NOT_FOUND: (
        "The document camera is not connected.",
        "書画カメラが接続されていません。",
    ),
    ErrorCode.CAMERA_FAILED: (
        "The document camera did not respond. Please ask staff.",
        "書画カメラが応答しません。係員にお知らせください。",
    ),
    ErrorCode.PROTOCOL_MISMATCH: (
        "The kiosk page and the device bridge are different versions. Please update the kiosk.",
        "画面と機器連携ソフトのバージョンが合いません。更新が必要です。",
    ),
    ErrorCode.NOT_PAIRED: (
        "This page is not paired with the device bridge.",
        "この画面は機器連携ソフトと接続設定されていません。",
    ),
    ErrorCode.PAIRING_CLOSED: (
        "Pairing is not open. Start the bridge with --pair to show a new code.",
        "接続設定の受付は終了しています。新しいコードを表示してください。",
    ),
    ErrorCode.PAIRING_CODE_WRONG: (
        "The pairing code is not correct.",
        "接続コードが違います。",
    ),
    ErrorCode.BAD_MESSAGE: (
        "The device bridge did not understand the request.",
        "機器連携ソフトが要求を理解できませんでした。",
    ),
}


class BridgeError(Exception):
    """A failure the kiosk should show: a stable code and the words for it."""

    def __init__(self, code: ErrorCode, *, tries_left: int | None = None, detail: str | None = None) -> None:
        self.code = code
        self.tries_left = tries_left
        # Detail is for logs and operators; it never contains card data or a PIN.
        self.detail = detail
        super().__init__(f"{code.value}: {detail or MESSAGES[code][0]}")

    @property
    def message_en(self) -> str:
        return MESSAGES[self.code][0]

    @property
    def message_ja(self) -> str:
        return MESSAGES[self.code][1]
