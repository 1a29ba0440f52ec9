"""Furigana from fugashi + unidic-lite, with corrections per term."""

from __future__ import annotations

from backend.furigana import RubySegment, corrections, ruby


def pairs(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.ruby) for s in ruby(text)]


def test_readings_go_over_kanji_only() -> None:
    assert pairs("健康相談") == [("健康", "けんこう"), ("相談", "そうだん")]
    # Okurigana stay bare, as printed forms do it.
    assert pairs("申し込みます") == [("申", "もう"), ("し", None), ("込", "こ"), ("みます", None)]


def test_text_without_kanji_is_left_alone_and_nothing_is_lost() -> None:
    assert pairs("ようこそ") == [("ようこそ", None)]
    text = "Health advice 健康相談 (free)"
    assert "".join(s.text for s in ruby(text)) == text


def test_corrections_win_for_place_names() -> None:
    assert corrections()["笠間"] == "かさま"
    assert pairs("笠間市役所")[0] == ("笠間", "かさま")
    assert RubySegment("友部", "ともべ") in ruby("友部駅前")


def test_every_kiosk_catalogue_text_gets_readings() -> None:
    for text in ("要介護認定の申請", "マイナンバーカードの交付申請", "子育て支援補助金の申請", "住民票の写しの請求"):
        segments = ruby(text)
        assert "".join(s.text for s in segments) == text
        assert all(s.ruby for s in segments if any("\u4e00" <= c <= "\u9fff" for c in s.text)), text
