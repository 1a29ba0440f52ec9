"""Declarative, versioned application forms and their validation.

Each procedure service has a form (backend/procedures/forms/<service id>.json): sections of fields
with a kind, a label, plain-language help, validation rules and, where the card can supply it,
which of the basic 4 info pre-fills it. The clerk types; these rules say, next to the field and in
plain words, what is wrong. Values are kept as the clerk typed them until they are valid.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from backend.catalogue.schemas import Localized, with_ruby
from backend.problems import FieldError
from backend.procedures.wareki import DateError, parse_date

FORMS = Path(__file__).with_name("forms")

FieldKind = Literal["text", "kana", "date", "postal_code", "phone", "choice", "yes_no", "number", "attachment"]
CardItem = Literal["name", "address", "birth_date", "sex"]
Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]


class Choice(msgspec.Struct, forbid_unknown_fields=True):
    value: str
    label: Localized


class FieldSpec(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    id: Id
    kind: FieldKind
    label: Localized
    help: Localized
    required: bool = True
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    choices: list[Choice] = []
    prefill: CardItem | None = None  # filled from the card's basic 4 info, after the citizen agrees
    fills: Id | None = None  # a postal code's field: the address field its lookup fills


class Section(msgspec.Struct, forbid_unknown_fields=True):
    id: Id
    title: Localized
    fields: list[FieldSpec]


class FormSchema(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    version: int
    title: Localized
    sections: list[Section]

    def field(self, field_id: str) -> FieldSpec | None:
        return next((f for s in self.sections for f in s.fields if f.id == field_id), None)


@lru_cache(maxsize=32)
def form_for(service_id: str, version: int | None = None) -> FormSchema | None:
    """The service's current form, or an earlier version (forms/archive/<id>.v<n>.json) that
    applications started on it still use."""
    path = FORMS / f"{service_id}.json"
    if not path.is_file():
        return None
    form = msgspec.json.decode(path.read_bytes(), type=FormSchema)
    if version is not None and version != form.version:
        archived = FORMS / "archive" / f"{service_id}.v{version}.json"
        if not archived.is_file():
            return None
        form = msgspec.json.decode(archived.read_bytes(), type=FormSchema)
    return _with_ruby(_checked(form))


def _checked(form: FormSchema) -> FormSchema:
    """A form whose postal code would fill a field that is not there is a mistake in the file."""
    for spec in (f for s in form.sections for f in s.fields if f.fills):
        target = form.field(spec.fills or "")
        if spec.kind != "postal_code" or target is None or target.kind != "text":
            raise ValueError(f"form {form.id}: field {spec.id!r} cannot fill {spec.fills!r}")
    return form


def _with_ruby(form: FormSchema) -> FormSchema:
    """Furigana on every Japanese text of the form, worked out once when it is loaded."""
    for section in form.sections:
        section.title = with_ruby(section.title)
        for spec in section.fields:
            spec.label, spec.help = with_ruby(spec.label), with_ruby(spec.help)
            for choice in spec.choices:
                choice.label = with_ruby(choice.label)
    form.title = with_ruby(form.title)
    return form


# --- validation: each returns the value to keep, or raises ValueError with the message to show ---

_KATAKANA = re.compile(r"^[ァ-ヶー\u3000 ]+$")
_PHONE_DIGITS = re.compile(r"^0\d{9,10}$")


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _kana(value: str) -> str:
    # Accept hiragana and half-width katakana as typed; keep full-width katakana, as forms print it.
    text = unicodedata.normalize("NFKC", value).strip()
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    text = re.sub(r"\s+", "\u3000", text)  # one full-width space between family and given name
    if not _KATAKANA.match(text):
        raise ValueError("カタカナで入力してください")
    return text


def postal_code(value: str) -> str:
    digits = re.sub(r"[^0-9]", "", _nfkc(value))
    if len(digits) != 7:
        raise ValueError("郵便番号は7けたの数字です（例：309-1611）")
    return f"{digits[:3]}-{digits[3:]}"


def _phone(value: str) -> str:
    digits = re.sub(r"[^0-9]", "", _nfkc(value))
    if not _PHONE_DIGITS.match(digits):
        raise ValueError("電話番号は0から始まる10けたか11けたの数字です")
    return _nfkc(value).replace("ー", "-")


def _number(spec: FieldSpec, value: str) -> str:
    try:
        number = int(_nfkc(value).replace(",", ""))
    except ValueError:
        raise ValueError("数字で入力してください") from None
    if spec.minimum is not None and number < spec.minimum:
        raise ValueError(f"{spec.minimum}以上の数にしてください")
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(f"{spec.maximum}以下の数にしてください")
    return str(number)


def clean(spec: FieldSpec, raw: str) -> str:
    """The value to keep for one field, or ValueError with a plain message."""
    if spec.kind == "text":
        value = raw.strip()
        if len(value) > spec.max_length:
            raise ValueError(f"{spec.max_length}文字までで入力してください")
        return value
    if spec.kind == "kana":
        return _kana(raw)
    if spec.kind == "date":
        try:
            return parse_date(raw).isoformat()
        except DateError as exc:
            raise ValueError(str(exc)) from None
    if spec.kind == "postal_code":
        return postal_code(raw)
    if spec.kind == "phone":
        return _phone(raw)
    if spec.kind == "number":
        return _number(spec, raw)
    if spec.kind == "choice":
        if raw not in {c.value for c in spec.choices}:
            raise ValueError("選んでください")
        return raw
    if spec.kind == "yes_no":
        if raw not in ("yes", "no"):
            raise ValueError("「はい」か「いいえ」を選んでください")
        return raw
    return raw.strip()  # attachment: the id of an attachment of this application


def validate(form: FormSchema, values: dict[str, str], *, complete: bool) -> tuple[dict[str, str], list[FieldError]]:
    """Clean every value; with `complete`, required fields must be there too (before submitting)."""
    cleaned: dict[str, str] = {}
    errors: list[FieldError] = []
    for section in form.sections:
        for spec in section.fields:
            raw = values.get(spec.id, "")
            if not raw.strip():
                if complete and spec.required:
                    errors.append(FieldError(field=spec.id, message="入力してください"))
                continue
            try:
                cleaned[spec.id] = clean(spec, raw)
            except ValueError as exc:
                errors.append(FieldError(field=spec.id, message=str(exc)))
    unknown = sorted(set(values) - {f.id for s in form.sections for f in s.fields})
    errors += [FieldError(field=name, message="この項目はこの申請書にありません") for name in unknown]
    return cleaned, errors
