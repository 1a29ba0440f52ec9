"""The call's signaling WebSocket over real HTTP: relay, chat, hang-up, recovery, permissions, abuse."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import httpx
import websockets

from tests.support.signal import Signal
from tests.support.stack import Kiosk, Stack, enrol_kiosk, serve, session_cookie, staff_member

OFFER = {"type": "offer", "sdp": "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}


async def _call(stack: Stack, service_id: str, provider: str) -> tuple[Kiosk, dict, Signal, Signal, object]:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket(service_id)
    citizen = await Signal.open(kiosk.signal_url(ticket["id"]), kiosk.headers)
    welcome = await citizen.next("welcome")
    assert welcome["role"] == "citizen" and welcome["visit"]["status"] == "waiting" and welcome["protocol_version"] == 1
    clerk = await staff_member(stack, [provider], name="窓口 佐藤")
    assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200
    changed = await citizen.next("visit_changed", where=lambda m: m["visit"]["status"] == "in_call")
    assert changed["visit"]["status"] == "in_call" and changed["visit"]["staff_name"] == "窓口 佐藤"
    staff = await Signal.open(kiosk.signal_url(ticket["id"], role="staff"), session_cookie(clerk))
    await staff.next("welcome", role="staff")
    await citizen.next("peer_joined", role="staff")
    await staff.next("peer_joined", role="citizen", reply=True)  # the kiosk was there first
    return kiosk, ticket, citizen, staff, clerk


async def test_offer_answer_candidates_chat_and_hang_up(stack: Stack) -> None:
    _kiosk, ticket, citizen, staff, clerk = await _call(stack, "care-certification", "kaigo-hoken")
    await staff.send(OFFER)
    assert (await citizen.next("offer"))["sdp"] == OFFER["sdp"]
    await citizen.send({"type": "answer", "sdp": "v=0 answer"})
    assert (await staff.next("answer"))["sdp"] == "v=0 answer"
    candidate = {
        "type": "candidate",
        "candidate": "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
        "sdpMid": "0",
        "sdpMLineIndex": 0,
    }
    await citizen.send(candidate)
    assert (await staff.next("candidate"))["sdpMid"] == "0"
    await staff.send({**candidate, "sdpMid": "1"})
    assert (await citizen.next("candidate"))["sdpMid"] == "1"

    await citizen.send({"type": "chat", "client_id": "k-1", "text": "音が聞こえません"})
    for side in (citizen, staff):  # both screens show it; the sender's copy is its receipt
        line = await side.next("chat_line", client_id="k-1")
        assert line["sender"] == "citizen" and line["text"] == "音が聞こえません"
    await staff.send({"type": "chat", "client_id": "s-1", "text": "文字でご案内します"})
    assert (await citizen.next("chat_line", client_id="s-1"))["sender"] == "staff"

    await citizen.send({"type": "hang_up"})
    for side in (citizen, staff):
        assert (await side.next("call_ended"))["by"] == "citizen"
    assert (await citizen.next("visit_changed", where=lambda m: m["visit"]["status"] == "wrap_up"))["visit"][
        "status"
    ] == "wrap_up"
    ended = await clerk.http.post(
        f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved", "note": "申請受付"}
    )
    assert ended.json()["status"] == "done"
    assert (await citizen.next("visit_changed", where=lambda m: m["visit"]["status"] == "done"))["visit"][
        "outcome"
    ] == "resolved"
    for s in (citizen, staff):
        await s.close()


async def test_a_reconnecting_kiosk_resumes_with_its_chat_and_nothing_doubles(stack: Stack) -> None:
    kiosk, ticket, citizen, staff, clerk = await _call(stack, "care-consultation", "kaigo-hoken")
    await citizen.send({"type": "chat", "client_id": "k-7", "text": "もう一度お願いします"})
    await staff.next("chat_line", client_id="k-7")
    await citizen.ws.close()  # the van drives through a tunnel
    await staff.next("peer_left", role="citizen")

    citizen = await Signal.open(kiosk.signal_url(ticket["id"]), kiosk.headers)
    welcome = await citizen.next("welcome")
    assert welcome["visit"]["status"] == "in_call"
    assert [line["text"] for line in welcome["chat"]] == ["もう一度お願いします"]
    rejoined = await staff.next("peer_joined", role="citizen")
    assert not rejoined.get("reply")  # a fresh arrival: staff re-offers on this
    # The kiosk resends what it never saw acknowledged: kept once.
    await citizen.send({"type": "chat", "client_id": "k-7", "text": "もう一度お願いします"})
    first = await citizen.next("chat_line", client_id="k-7")
    await citizen.send({"type": "chat", "client_id": "k-8", "text": "ありがとう"})
    await citizen.next("chat_line", client_id="k-8")
    again = await Signal.open(kiosk.signal_url(ticket["id"]), kiosk.headers)  # a second tab takes over
    assert [line["client_id"] for line in (await again.next("welcome"))["chat"]] == ["k-7", "k-8"]
    assert first["id"] == welcome["chat"][0]["id"]
    assert await citizen.closed_with() == 4409
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    for s in (again, staff):
        await s.close()


async def test_only_the_visits_terminal_and_its_clerk_may_join(stack: Stack) -> None:
    kiosk, ticket, citizen, staff, clerk = await _call(stack, "health-consultation", "kenko-zoshin")
    stranger_kiosk = await enrol_kiosk(stack, name="another van")
    colleague = await staff_member(stack, ["kenko-zoshin"], name="colleague")
    outsider = await staff_member(stack, ["joyo-ginko"], name="bank clerk")
    attempts = {
        "another terminal": (kiosk.signal_url(ticket["id"]), stranger_kiosk.headers, 4403),
        "a colleague not assigned": (kiosk.signal_url(ticket["id"], "staff"), session_cookie(colleague), 4403),
        "another counter's clerk": (kiosk.signal_url(ticket["id"], "staff"), session_cookie(outsider), 4403),
        "a kiosk claiming to be staff": (kiosk.signal_url(ticket["id"], "staff"), kiosk.headers, 4401),
        "nobody": (kiosk.signal_url(ticket["id"]), {}, 4401),
        "an unknown visit": (kiosk.signal_url("0" * 32), kiosk.headers, 4404),
    }
    for who, (url, headers, code) in attempts.items():
        intruder = await Signal.open(url, headers)
        assert await intruder.closed_with() == code, who
        assert not any(m["type"] in {"welcome", "offer"} for m in intruder.seen), who
    # The real call never noticed.
    await staff.send(OFFER)
    assert (await citizen.next("offer"))["sdp"] == OFFER["sdp"]
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    for s in (citizen, staff):
        await s.close()


async def test_bad_messages_get_errors_then_a_close_and_other_calls_carry_on(stack: Stack) -> None:
    _kiosk, ticket, citizen, staff, clerk = await _call(stack, "child-rearing-consultation", "kodomo-ikusei")
    _other_kiosk, other_ticket, other_citizen, other_staff, other_clerk = await _call(
        stack, "child-subsidy", "kodomo-ikusei"
    )

    bad = [
        ("{not json", "malformed"),
        (json.dumps({"type": "teleport"}), "malformed"),
        (json.dumps({"type": "chat", "client_id": "x"}), "malformed"),
        (json.dumps({"type": "chat", "client_id": "x", "text": ""}), "malformed"),
        (json.dumps(OFFER), "unexpected"),  # kiosks answer, they never offer
        (b"\x00\x01binary", "malformed"),
        (json.dumps({"type": "chat", "client_id": "x", "text": "a" * 70_000}), "too_large"),
    ]
    for payload, code in bad:
        await citizen.send(payload)
        assert (await citizen.next("error"))["code"] == code
    await citizen.send({"type": "ping"})
    await citizen.next("pong")  # still served between bad messages
    for _ in range(3):
        await citizen.send("]")
    assert await citizen.closed_with() == 1008

    await other_staff.send(OFFER)
    assert (await other_citizen.next("offer"))["sdp"] == OFFER["sdp"]
    for c, t in ((clerk, ticket), (other_clerk, other_ticket)):
        await c.http.post(f"/api/staff/visits/{t['id']}/end", json={"outcome": "resolved"})
    for s in (staff, other_citizen, other_staff):
        await s.close()


async def test_a_flood_is_rate_limited_then_closed(stack: Stack) -> None:
    _kiosk, ticket, citizen, staff, clerk = await _call(stack, "residence-certificate", "shimin-ka")
    burst = stack.settings.signal_burst
    await asyncio.gather(*(citizen.send({"type": "ping"}) for _ in range(burst + 50)))
    assert await citizen.closed_with() == 1008
    codes = [m.get("code") for m in citizen.seen if m["type"] == "error"]
    assert codes.count("rate_limited") == 10
    assert sum(1 for m in citizen.seen if m["type"] == "pong") >= burst - 5
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    await staff.close()


async def test_staff_dashboard_gets_the_queue_live(stack: Stack) -> None:
    clerk = await staff_member(stack, ["hidamari-care"])
    url = stack.base_url.replace("http://", "ws://") + "/api/staff/live"
    async with websockets.connect(url, additional_headers=session_cookie(clerk)) as live:
        first = json.loads(await asyncio.wait_for(live.recv(), 10))
        before = len(first["waiting"])
        kiosk = await enrol_kiosk(stack, name="care home tablet")
        ticket = await kiosk.take_ticket("home-care-consultation")

        async def until_listed() -> dict:
            while True:
                snapshot = json.loads(await live.recv())
                if any(w["visit_id"] == ticket["id"] for w in snapshot["waiting"]):
                    return snapshot

        snapshot = await asyncio.wait_for(until_listed(), 10)
        assert len(snapshot["waiting"]) == before + 1
        assert snapshot["waiting"][-1]["terminal_name"] == "care home tablet"
        await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")
    async with httpx.AsyncClient(base_url=stack.base_url) as anonymous:
        assert (await anonymous.get("/api/staff/queue")).status_code == 401
    async with websockets.connect(url) as refused:
        with contextlib.suppress(websockets.ConnectionClosed):
            await asyncio.wait_for(refused.recv(), 10)
        assert refused.close_code == 4401


async def test_capture_requests_and_markup_reach_the_kiosk(stack: Stack) -> None:
    _kiosk, ticket, citizen, staff, clerk = await _call(stack, "my-number-card-application", "shimin-ka")
    await staff.send({"type": "capture_request"})
    await citizen.next("capture_request")
    marks = [
        {"kind": "point", "x": 0.42, "y": 0.3},
        {"kind": "highlight", "x": 0.1, "y": 0.5, "width": 0.6, "height": 0.08},
    ]
    await staff.send({"type": "markup", "attachment_id": "doc-1", "marks": marks})
    shown = await citizen.next("markup")
    assert shown["attachment_id"] == "doc-1" and shown["marks"][1]["width"] == 0.6
    # Marks outside the page, and a kiosk trying to draw or to trigger captures, are refused.
    await staff.send({"type": "markup", "attachment_id": "doc-1", "marks": [{"kind": "point", "x": 1.5, "y": 0.1}]})
    assert (await staff.next("error"))["code"] == "malformed"
    await citizen.send({"type": "capture_request"})
    assert (await citizen.next("error"))["code"] == "unexpected"
    # The kiosk tells the clerk how the capture goes; the clerk cannot speak for the kiosk.
    await citizen.send({"type": "capture_status", "state": "uploading"})
    assert (await staff.next("capture_status"))["state"] == "uploading"
    await citizen.send({"type": "capture_status", "state": "done", "attachment_id": "doc-2"})
    assert (await staff.next("capture_status"))["attachment_id"] == "doc-2"
    await citizen.send({"type": "capture_status", "state": "failed", "reason": "no_camera"})
    assert (await staff.next("capture_status"))["reason"] == "no_camera"
    await citizen.send({"type": "capture_status", "state": "failed", "reason": "gremlins"})
    assert (await citizen.next("error"))["code"] == "malformed"
    await staff.send({"type": "capture_status", "state": "done", "attachment_id": "doc-2"})
    assert (await staff.next("error"))["code"] == "unexpected"
    # Clearing the marks is an empty set of marks.
    await staff.send({"type": "markup", "attachment_id": "doc-1", "marks": []})
    assert (await citizen.next("markup"))["marks"] == []
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    for s in (citizen, staff):
        await s.close()


async def test_a_silent_kiosk_is_cut_off_and_the_clerk_is_told(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'idle.db'}", "SIGNAL_IDLE_SECONDS": "1"}
    async with serve(env) as small:
        kiosk = await enrol_kiosk(small)
        ticket = await kiosk.take_ticket("health-consultation")
        clerk = await staff_member(small, ["kenko-zoshin"])
        await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")
        citizen = await Signal.open(kiosk.signal_url(ticket["id"]), kiosk.headers)
        await citizen.next("welcome")
        staff = await Signal.open(kiosk.signal_url(ticket["id"], "staff"), session_cookie(clerk))
        await staff.next("welcome")

        async def keep_pinging() -> None:  # the clerk's page is alive; the kiosk's has gone quiet
            while True:
                await staff.send({"type": "ping"})
                await asyncio.sleep(0.3)

        pinger = asyncio.create_task(keep_pinging())
        try:
            assert await citizen.closed_with() == 4408
            await staff.next("peer_left", role="citizen")
        finally:
            pinger.cancel()
        await staff.close()
