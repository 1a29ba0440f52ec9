"""Health checks and the public catalogue, over real HTTP."""

from __future__ import annotations

import httpx

from tests.support.stack import Stack


async def test_live_and_ready(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        assert (await http.get("/health/live")).json()["status"] == "ok"
        ready = (await http.get("/health/ready")).json()
    assert ready["database"] == "ok"
    assert ready["redis"] == ("ok" if stack.settings.redis_url else "not configured")


async def test_catalogue_has_city_departments_and_private_counters(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        catalogue = (await http.get("/api/catalogue")).json()
    providers = catalogue["providers"]
    kinds = [p["kind"] for p in providers]
    assert kinds.count("municipal") >= 4 and kinds.count("private") >= 2
    services = [s for p in providers for s in p["services"]]
    assert len(services) >= 8
    for s in services:
        assert s["name"]["ja"] and s["name"]["en"] and s["description"]["ja"] and s["icon"]
        assert s["kind"] in {"consultation", "procedure"}
    # Furigana for the kiosk, from the morphological analyser (issue: every screen for an 85-year-old).
    health = next(s for s in services if s["id"] == "health-consultation")
    assert health["name"]["ja_ruby"] == [{"text": "健康", "ruby": "けんこう"}, {"text": "相談", "ruby": "そうだん"}]
    assert all("".join(seg["text"] for seg in s["description"]["ja_ruby"]) == s["description"]["ja"] for s in services)
    names = {s["name"]["ja"] for s in services}
    assert "要介護認定の申請" in names and "健康相談" in names and "子育て相談" in names
    # The legal basis for a My Number stays on the server: a kiosk has no use for it.
    assert all("my_number_legal_basis" not in s for s in services)
    # …but it knows whether to ask the card for the number at all.
    assert {s["id"] for s in services if s["collects_my_number"]} == {"care-certification"}


async def test_openapi_and_pages(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        schema = (await http.get("/schema/openapi.json")).json()
        assert "/api/catalogue" in schema["paths"]
        root = await http.get("/")
        assert root.status_code in (301, 302, 307) and root.headers["location"] == "/kiosk/"
        for app in ("kiosk", "staff", "admin"):
            page = await http.get(f"/{app}/")
            assert page.status_code == 200 and "<html" in page.text.lower()
