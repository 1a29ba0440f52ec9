"""Bad input anywhere gets a problem document that names the field — never a 500, never a trace."""

from __future__ import annotations

import httpx
import pytest

from tests.support.stack import Stack

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/api/terminal/enrol", b"{not json", 400, None),
        ("/api/terminal/enrol", b"[]", 422, None),
        ("/api/terminal/enrol", b"{}", 422, "code"),
        ("/api/terminal/enrol", b'{"code": 12345}', 422, "code"),
        ("/api/terminal/enrol", b'{"code": "' + b"9" * 40 + b'"}', 422, "code"),
        ("/api/auth/sign-in", b'{"challenge_id": "x"}', 422, "credential"),
        (
            "/api/auth/sign-in",
            b'{"challenge_id": "x", "credential": {"id": "!!", "rawId": "a", "type": "public-key"}}',
            422,
            "credential.id",
        ),
        (
            "/api/auth/sign-in",
            b'{"challenge_id": "unknown", "credential": {"id": "YQ", "rawId": "YQ", "type": "public-key", "response": {"clientDataJSON": "YQ", "authenticatorData": "YQ", "signature": "YQ"}}}',
            410,
            None,
        ),
        ("/api/invites/abc/passkey", b'{"credential": 1}', 422, "credential"),
    ],
)
async def test_malformed_bodies_get_problem_details(
    stack: Stack, path: str, body: bytes, status: int, field: str | None
) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        response = await http.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert "Traceback" not in response.text
    if field is not None:
        assert problem["errors"][0]["field"] == field


async def test_unknown_routes_and_methods(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        missing = await http.get("/api/nothing-here")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)
        wrong = await http.delete("/api/catalogue")
        assert wrong.status_code == 405 and wrong.headers["content-type"].startswith(PROBLEM)
