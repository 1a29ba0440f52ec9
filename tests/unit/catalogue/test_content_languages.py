"""Every text a citizen sees from the server (demo catalogue, form schemas) exists in all six kiosk
languages, so a Vietnamese, Brazilian or Chinese reader never meets a Japanese-only label."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from backend.catalogue.schemas import Localized
from backend.catalogue.service import DEMO_FILE
from backend.procedures.forms import FORMS

LANGUAGES = ("ja", "en", "ja_easy", "vi", "pt", "zh")
FILES = [DEMO_FILE, *sorted(FORMS.rglob("*.json"))]  # archived versions too: old applications show them


def _texts(node: object, where: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Every Localized object in the file, with a readable path to it."""
    if isinstance(node, dict):
        if isinstance(node.get("ja"), str):
            yield where, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id") or value.get("value") if isinstance(value, dict) else None
            yield from _texts(value, f"{where}[{label or i}]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: Path(p).name)
def test_every_citizen_text_is_in_every_kiosk_language(path: Path) -> None:
    texts = list(_texts(json.loads(path.read_text(encoding="utf-8")), path.stem))
    assert texts
    for where, text in texts:
        msgspec.convert(text, Localized)  # only the fields Localized knows
        missing = [lang for lang in LANGUAGES if not (text.get(lang) or "").strip()]
        assert not missing, f"{where}: no {', '.join(missing)}"


def test_easy_japanese_keeps_numbers_of_the_original() -> None:
    """A digit count or an example date in the help must survive the plain-Japanese rewrite."""
    for path in FILES:
        for where, text in _texts(json.loads(path.read_text(encoding="utf-8")), path.stem):
            digits = {d for d in "0123456789" if d in text["ja"]}
            assert digits <= set(text["ja_easy"]), f"{where}: {text['ja']} → {text['ja_easy']}"
