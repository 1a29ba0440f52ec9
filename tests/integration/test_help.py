"""たすけて / Help: a kiosk asks, every staff dashboard sees it live, one member of staff answers."""

from __future__ import annotations

import asyncio
import json

import websockets

from tests.support.stack import Stack, enrol_kiosk, session_cookie, staff_member


async def test_help_reaches_staff_live_and_is_answered_once(stack: Stack) -> None:
    clerk = await staff_member(stack, ["kenko-zoshin"])
    url = stack.base_url.replace("http://", "ws://") + "/api/staff/live"
    kiosk = await enrol_kiosk(stack, name="centre kiosk", place="友部公民館")
    assert (await kiosk.http.get("/api/terminal/help")).status_code == 404
    async with websockets.connect(url, additional_headers=session_cookie(clerk)) as live:
        json.loads(await asyncio.wait_for(live.recv(), 10))  # the snapshot on connect
        asked = await kiosk.http.post("/api/terminal/help", json={})
        assert asked.status_code == 201 and asked.json()["answered"] is False
        again = await kiosk.http.post("/api/terminal/help", json={})  # pressing twice: one call
        assert again.json()["id"] == asked.json()["id"]

        async def until(condition):  # type: ignore[no-untyped-def]
            while True:
                snapshot = json.loads(await live.recv())
                if condition(snapshot):
                    return snapshot

        shown = await asyncio.wait_for(until(lambda s: any(h["id"] == asked.json()["id"] for h in s["help_calls"])), 10)
        call = next(h for h in shown["help_calls"] if h["id"] == asked.json()["id"])
        assert call["terminal_name"] == "centre kiosk" and call["place"] == "友部公民館"
        answered = await clerk.http.post(f"/api/staff/help/{call['id']}/answer")
        assert all(h["id"] != call["id"] for h in answered.json()["help_calls"])
        await asyncio.wait_for(until(lambda s: all(h["id"] != call["id"] for h in s["help_calls"])), 10)
    assert (await kiosk.http.get("/api/terminal/help")).json()["answered"] is True
    other = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("health-consultation")
    mine = await other.http.post("/api/terminal/help", json={"visit_id": ticket["id"]})
    assert mine.status_code == 404  # a kiosk cannot attach another kiosk's visit
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")
