"""Postal code → address: the clerk types 〒 and the form's address starts with what it decides."""

from __future__ import annotations

from tests.support.stack import Stack, enrol_kiosk, staff_member


async def test_a_postal_code_gives_prefecture_city_and_town(stack: Stack) -> None:
    clerk = await staff_member(stack, ["joyo-ginko"])
    found = await clerk.http.get("/api/staff/postal-codes/３０９－１６１１")  # typed full-width
    assert found.status_code == 200
    assert found.json() == {
        "postal_code": "309-1611",
        "prefecture": "茨城県",
        "city": "笠間市",
        "town": "笠間",
        "address": "茨城県笠間市笠間",
        "kana": "イバラキケンカサマシカサマ",
    }
    # A code for a whole city has no town: the address stops at the city.
    whole = (await clerk.http.get("/api/staff/postal-codes/3091600")).json()
    assert whole["address"] == "茨城県笠間市" and whole["town"] == ""


async def test_unknown_or_malformed_codes_are_explained_and_only_staff_may_ask(stack: Stack) -> None:
    clerk = await staff_member(stack, ["joyo-ginko"])
    unknown = await clerk.http.get("/api/staff/postal-codes/0000000")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert "住所は手で入力してください" in unknown.json()["detail"]
    short = await clerk.http.get("/api/staff/postal-codes/309-161")
    assert short.status_code == 422
    assert short.json()["errors"] == [{"field": "postal_code", "message": "郵便番号は7けたの数字です（例：309-1611）"}]
    kiosk = await enrol_kiosk(stack)
    assert (await kiosk.http.get("/api/staff/postal-codes/3091611")).status_code == 401
