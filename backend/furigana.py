"""Furigana (ruby readings) for kanji in text the kiosk shows, from a real morphological analyser
(fugashi + unidic-lite), with corrections per term for place names and words it reads wrongly.

Okurigana stay un-annotated: 申し込み → 申(もう)し込(こ)み, as on printed forms for children.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:  # fugashi is imported lazily: loading the dictionary takes a moment
    import fugashi

CORRECTIONS_FILE = Path(__file__).with_name("furigana.json")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ]")


class RubySegment(msgspec.Struct, omit_defaults=True):
    text: str
    ruby: str | None = None


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))


def _align(surface: str, reading: str) -> list[RubySegment]:
    """Put the reading over the kanji only, leaving kana in the word (okurigana) bare."""
    runs = re.findall(rf"{_KANJI.pattern}+|(?:(?!{_KANJI.pattern}).)+", surface)
    pattern = "".join("(.+?)" if has_kanji(run) else re.escape(_hiragana(run)) for run in runs)
    match = re.fullmatch(pattern, reading)
    if match is None:  # an irregular reading: annotate the whole word
        return [RubySegment(surface, reading)]
    readings = iter(match.groups())
    return [RubySegment(run, next(readings)) if has_kanji(run) else RubySegment(run) for run in runs]


@lru_cache(maxsize=1)
def _tagger() -> fugashi.Tagger:
    import fugashi

    return fugashi.Tagger()


@lru_cache(maxsize=1)
def corrections() -> dict[str, str]:
    """Term → reading in hiragana, longest terms first so 笠間市役所 wins over 笠間."""
    table = msgspec.json.decode(CORRECTIONS_FILE.read_bytes(), type=dict[str, str])
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _analysed(text: str) -> list[RubySegment]:
    segments: list[RubySegment] = []
    for word in _tagger()(text):
        reading = getattr(word.feature, "kana", None)
        if has_kanji(word.surface) and reading and reading != "*":
            segments += _align(word.surface, _hiragana(reading))
        else:
            segments.append(RubySegment(word.surface))
    # The analyser drops spaces between words; put back what it skipped.
    return _with_gaps(text, segments)


def _with_gaps(text: str, segments: list[RubySegment]) -> list[RubySegment]:
    out: list[RubySegment] = []
    at = 0
    for seg in segments:
        found = text.find(seg.text, at)
        if found > at:
            out.append(RubySegment(text[at:found]))
        out.append(seg)
        at = found + len(seg.text) if found >= 0 else at
    if at < len(text):
        out.append(RubySegment(text[at:]))
    return out


@lru_cache(maxsize=4096)
def ruby(text: str) -> tuple[RubySegment, ...]:
    """The text as segments; kanji segments carry their reading in hiragana."""
    text = unicodedata.normalize("NFC", text)
    if not has_kanji(text):
        return (RubySegment(text),)
    table = corrections()
    segments: list[RubySegment] = []
    rest = text
    while rest:
        hit = min(
            ((rest.find(term), term) for term in table if term in rest),
            key=lambda found: (found[0], -len(found[1])),
            default=None,
        )
        if hit is None:
            segments += _analysed(rest)
            break
        at, term = hit
        if at:
            segments += _analysed(rest[:at])
        segments += _align(term, table[term])
        rest = rest[at + len(term) :]
    return tuple(_merge_plain(segments))


def _merge_plain(segments: list[RubySegment]) -> list[RubySegment]:
    merged: list[RubySegment] = []
    for seg in segments:
        if seg.ruby is None and merged and merged[-1].ruby is None:
            merged[-1] = RubySegment(merged[-1].text + seg.text)
        elif seg.text:
            merged.append(seg)
    return merged


# --- The UI message catalogue, at build time ---------------------------------------------------
# frontend/scripts/furigana-catalogue.mjs hands over the ja and ja-easy catalogues as JSON
# ({"ja": {key: message}, "ja-easy": {...}}) and writes what comes back to
# frontend/src/ui/ruby/catalogue-ruby.gen.json, which the kiosk imports. Per message: a list of
# segments, each a plain string or [kanji, reading]; ICU arguments stay in plain strings as
# `{name}` (never analysed), so the kiosk puts the value's own segments there. A message with
# plural/select syntax (not needed in Japanese) maps to null: it is shown without furigana.

_SIMPLE_ARGUMENT = re.compile(r"\{\s*(\w+)\s*\}")
CatalogueSegment = str | tuple[str, str]


def catalogue_segments(message: str) -> list[CatalogueSegment] | None:
    """One catalogue message as segments; None when it uses ICU syntax beyond `{name}`."""
    pieces = _SIMPLE_ARGUMENT.split(message)  # text, name, text, name, …, text
    if any(c in piece for piece in pieces[::2] for c in "{}'"):
        return None
    out: list[CatalogueSegment] = []

    def plain(text: str) -> None:
        if not text:
            return
        if out and isinstance(out[-1], str):
            out[-1] += text
        else:
            out.append(text)

    for i, piece in enumerate(pieces):
        if i % 2:
            plain("{" + piece + "}")
            continue
        for seg in ruby(piece) if piece else ():
            if seg.ruby:
                out.append((seg.text, seg.ruby))
            else:
                plain(seg.text)
    return out


def catalogue_ruby(catalogues: dict[str, dict[str, str]]) -> dict[str, dict[str, list[CatalogueSegment] | None]]:
    """Segments for every message that has kanji, per language; keys sorted for stable output."""
    return {
        lang: {key: catalogue_segments(text) for key, text in sorted(messages.items()) if has_kanji(text)}
        for lang, messages in sorted(catalogues.items())
    }


def main(argv: list[str] | None = None) -> None:
    """`python -m backend.furigana catalogue`: catalogues (JSON) on stdin → segments on stdout."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args != ["catalogue"]:
        sys.exit("usage: python -m backend.furigana catalogue < catalogues.json > catalogue-ruby.gen.json")
    catalogues = msgspec.json.decode(sys.stdin.buffer.read(), type=dict[str, dict[str, str]])
    sys.stdout.write(catalogue_ruby_json(catalogues))


def catalogue_ruby_json(catalogues: dict[str, dict[str, str]]) -> str:
    """The generated file's text: JSON with one message per line, so a changed word is a one-line diff."""
    enc = msgspec.json.encode
    langs = []
    for lang, messages in catalogue_ruby(catalogues).items():
        lines = ",\n".join(f"  {enc(key).decode()}: {enc(segs).decode()}" for key, segs in messages.items())
        langs.append(f" {enc(lang).decode()}: {{\n{lines}\n }}")
    return "{\n" + ",\n".join(langs) + "\n}\n"


if __name__ == "__main__":
    main()
