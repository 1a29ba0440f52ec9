"""Form schemas and the plain-word validation next to each field."""

from __future__ import annotations

import msgspec
import pytest

from backend.procedures.forms import FORMS, FieldSpec, FormSchema, _checked, clean, form_for, validate

PROCEDURES = ["care-certification", "child-subsidy", "my-number-card-application", "bank-address-change"]


@pytest.mark.parametrize("service_id", PROCEDURES)
def test_every_demo_procedure_has_a_complete_form(service_id: str) -> None:
    form = form_for(service_id)
    assert form is not None and form.version >= 1 and form.title.ja
    ids = [f.id for s in form.sections for f in s.fields]
    assert len(ids) == len(set(ids))
    for section in form.sections:
        for field in section.fields:
            assert field.label.ja and field.label.en and field.help.ja and field.help.en, field.id
            if field.kind == "choice":
                assert field.choices
    assert {p.stem for p in FORMS.glob("*.json")} >= set(PROCEDURES)


def _spec(kind: str, **kw: object) -> FieldSpec:
    return FieldSpec(id="f", kind=kind, label={"ja": "x", "en": "x"}, help={"ja": "x", "en": "x"}, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "raw", "kept"),
    [
        ("text", "  笠間 太郎  ", "笠間 太郎"),
        ("kana", "かさま　たろう", "カサマ\u3000タロウ"),
        ("kana", "ｶｻﾏ ﾀﾛｳ", "カサマ\u3000タロウ"),
        ("date", "昭和20年3月1日", "1945-03-01"),
        ("date", "R6.4.1", "2024-04-01"),
        ("postal_code", "〒３０９－１６１１", "309-1611"),
        ("postal_code", "3091611", "309-1611"),
        ("phone", "0296-77-1101", "0296-77-1101"),
        ("phone", "０９０１２３４５６７８", "09012345678"),
        ("yes_no", "yes", "yes"),
    ],
)
def test_values_are_kept_the_way_forms_print_them(kind: str, raw: str, kept: str) -> None:
    assert clean(_spec(kind), raw) == kept


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (_spec("kana"), "笠間", "カタカナ"),
        (_spec("date"), "平成31年5月1日", "平成の期間にありません"),
        (_spec("postal_code"), "309-161", "7けた"),
        (_spec("phone"), "12345", "10けたか11けた"),
        (_spec("number", minimum=1, maximum=20), "0", "1以上"),
        (_spec("number", minimum=1, maximum=20), "三", "数字"),
        (_spec("text", max_length=5), "あいうえおか", "5文字"),
        (_spec("yes_no"), "maybe", "はい"),
    ],
)
def test_bad_values_get_a_plain_message(spec: FieldSpec, raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean(spec, raw)


def test_a_draft_may_be_incomplete_but_a_submission_may_not() -> None:
    form = form_for("bank-address-change")
    assert form is not None
    values = {"name": "笠間 太郎", "postal_code": "3091611", "birth_date": "昭和20年13月1日", "nickname": "x"}
    kept, errors = validate(form, values, complete=False)
    assert kept == {"name": "笠間 太郎", "postal_code": "309-1611"}
    assert {e.field for e in errors} == {"birth_date", "nickname"}
    _, errors = validate(form, {"name": "笠間 太郎"}, complete=True)
    missing = {e.field for e in errors}
    assert "account_number" in missing and "phone" not in missing  # the phone is optional


@pytest.mark.parametrize("service_id", PROCEDURES)
def test_every_postal_code_fills_the_address_after_it(service_id: str) -> None:
    form = form_for(service_id)
    assert form is not None
    postal = [f for s in form.sections for f in s.fields if f.kind == "postal_code"]
    assert postal and all(f.fills and (target := form.field(f.fills)) and target.kind == "text" for f in postal)


def test_a_form_whose_postal_code_fills_a_missing_field_is_refused() -> None:
    raw = (FORMS / "bank-address-change.json").read_text().replace('"fills": "address"', '"fills": "nowhere"')
    with pytest.raises(ValueError, match="cannot fill 'nowhere'"):
        _checked(msgspec.json.decode(raw, type=FormSchema))


def test_applications_keep_the_form_version_they_were_started_on() -> None:
    current, first = form_for("care-certification"), form_for("care-certification", 1)
    assert current is not None and first is not None
    assert first.version == 1 and first.field("insurance_card") is None
    assert current.version == 2 and (page := current.field("insurance_card")) and page.kind == "attachment"
    assert form_for("care-certification", current.version) == current
    assert form_for("care-certification", 99) is None
