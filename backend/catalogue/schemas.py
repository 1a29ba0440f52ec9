"""Catalogue wire types."""

from __future__ import annotations

from typing import Literal

import msgspec

from backend.furigana import RubySegment, ruby

ProviderKind = Literal["municipal", "private"]
ServiceKind = Literal["consultation", "procedure"]


class Localized(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=True):
    """A text in the languages the kiosk speaks; ja and en always present."""

    ja: str
    en: str
    ja_easy: str | None = None  # やさしい日本語
    vi: str | None = None
    pt: str | None = None
    zh: str | None = None
    # The Japanese texts as ruby segments (furigana over kanji), added when the server sends them.
    ja_ruby: list[RubySegment] | None = None
    ja_easy_ruby: list[RubySegment] | None = None


class Service(msgspec.Struct):
    id: str
    provider_id: str
    kind: ServiceKind
    name: Localized
    description: Localized
    icon: str
    needs_identity_check: bool
    # True where the law lets this service collect a My Number (the basis itself stays on the server).
    collects_my_number: bool = False


class Provider(msgspec.Struct):
    id: str
    kind: ProviderKind
    name: Localized
    services: list[Service]


class ProviderRef(msgspec.Struct):
    id: str
    name: Localized


class Catalogue(msgspec.Struct):
    providers: list[Provider]


def with_ruby(text: Localized) -> Localized:
    """The same text, with furigana for its Japanese and its やさしい日本語."""
    return msgspec.structs.replace(
        text,
        ja_ruby=list(ruby(text.ja)),
        ja_easy_ruby=list(ruby(text.ja_easy)) if text.ja_easy else None,
    )
