"""The queue: tickets, order, estimates, the accept race, outcomes and hand-overs (each test owns a counter)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from backend.catalogue import models as catalogue
from backend.db import utcnow
from backend.identity.tokens import new_id
from backend.visits import models as visits
from tests.support.stack import Stack, enrol_kiosk, staff_member


async def test_tickets_queue_in_order_and_positions_move(stack: Stack) -> None:
    kiosks = [await enrol_kiosk(stack, name=f"kiosk {i}") for i in range(3)]
    tickets = [
        await k.take_ticket("health-consultation", language=lang)
        for k, lang in zip(kiosks, ["ja", "en", "vi"], strict=True)
    ]
    assert [t["position"] for t in tickets] == [1, 2, 3]
    assert tickets[0]["ticket"] != tickets[1]["ticket"] and tickets[0]["status"] == "waiting"
    assert tickets[0]["service_name"]["ja"] == "健康相談"

    clerk = await staff_member(stack, ["kenko-zoshin"], name="保健師 田中")
    queue = (await clerk.http.get("/api/staff/queue")).json()
    assert [w["visit_id"] for w in queue["waiting"]] == [t["id"] for t in tickets]
    assert queue["waiting"][1]["language"] == "en" and queue["waiting"][0]["terminal_name"] == "kiosk 0"
    assert queue["availability"] == "available"

    taken = await clerk.http.post("/api/staff/visits/next", json={})
    assert taken.status_code == 200 and taken.json()["id"] == tickets[0]["id"]
    assert (await clerk.http.get("/api/staff/queue")).json()["availability"] == "in_call"

    first = (await kiosks[0].http.get("/api/visits/current")).json()
    assert first["status"] == "in_call" and first["staff_name"] == "保健師 田中" and first["position"] is None
    assert [(await k.http.get("/api/visits/current")).json()["position"] for k in kiosks[1:]] == [1, 2]

    # The last citizen leaves; the middle one stays first in line.
    left = await kiosks[2].http.post(f"/api/visits/{tickets[2]['id']}/cancel")
    assert left.json()["status"] == "cancelled"
    assert (await kiosks[2].http.get("/api/visits/current")).status_code == 404
    done = await clerk.http.post(
        f"/api/staff/visits/{tickets[0]['id']}/end", json={"outcome": "resolved", "note": "血圧の相談"}
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert (await kiosks[0].http.get(f"/api/visits/{tickets[0]['id']}")).json()["outcome"] == "resolved"
    await kiosks[1].http.post(f"/api/visits/{tickets[1]['id']}/cancel")


async def test_a_kiosk_holds_one_ticket_and_it_survives_a_reload(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("child-rearing-consultation")
    again = await kiosk.http.post("/api/visits", json={"service_id": "care-consultation"})
    assert again.status_code == 409 and "already has a ticket" in again.json()["detail"]
    # A reloaded kiosk page asks the server, not its memory.
    assert (await kiosk.http.get("/api/visits/current")).json()["id"] == ticket["id"]
    other = await enrol_kiosk(stack)
    assert (await other.http.get(f"/api/visits/{ticket['id']}")).status_code == 404
    unknown = await kiosk.http.post("/api/visits", json={"service_id": "no-such-service"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "service_id"
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def _own_counter(stack: Stack) -> tuple[str, str]:
    """A counter of this test's own, so that no other test's history or open clerks change the figures."""
    provider_id, service_id = f"p-{new_id()[:8]}", f"s-{new_id()[:8]}"
    async with stack.session() as session:
        session.add(catalogue.Provider(id=provider_id, kind="municipal", name={"ja": "試験課", "en": "Test"}))
        await session.flush()
        session.add(
            catalogue.Service(
                id=service_id,
                provider_id=provider_id,
                kind="consultation",
                name={"ja": "試験相談", "en": "Test"},
                description={"ja": "試験", "en": "Test"},
                icon="talk",
            )
        )
    return provider_id, service_id


async def test_estimated_wait_comes_from_recent_handling_times(stack: Stack) -> None:
    provider_id, service_id = await _own_counter(stack)
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket(service_id)
    assert ticket["estimated_wait_minutes"] is None  # no history yet: no made-up number
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")

    async with stack.session() as session:
        for minutes in (8, 12):  # two recent conversations at this counter took 10 minutes on average
            session.add(
                visits.VisitEvent(
                    visit_id=ticket["id"],
                    kind="ended",
                    service_id=service_id,
                    at=utcnow() - timedelta(hours=1),
                    handled_seconds=minutes * 60,
                )
            )
    first, second = await enrol_kiosk(stack), await enrol_kiosk(stack)
    t1, t2 = await first.take_ticket(service_id), await second.take_ticket(service_id)
    assert (t1["estimated_wait_minutes"], t2["estimated_wait_minutes"]) == (10, 20)
    # Two clerks open at the counter halve the wait.
    clerks = [await staff_member(stack, [provider_id]) for _ in range(2)]
    assert (await second.http.get("/api/visits/current")).json()["estimated_wait_minutes"] == 10
    for k, t in ((first, t1), (second, t2)):
        await k.http.post(f"/api/visits/{t['id']}/cancel")
    for c in clerks:
        await c.http.put("/api/staff/availability", json={"availability": "away"})


async def test_two_clerks_accepting_at_once_never_both_get_the_citizen(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("care-consultation")
    a, b = [await staff_member(stack, ["kaigo-hoken"], name=n) for n in ("A", "B")]
    results = await asyncio.gather(
        a.http.post(f"/api/staff/visits/{ticket['id']}/accept"), b.http.post(f"/api/staff/visits/{ticket['id']}/accept")
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409], [r.text for r in results]
    loser = next(r for r in results if r.status_code == 409).json()
    assert "Another member of staff has just taken this citizen" in loser["detail"]

    # "Next" with nobody left says so politely.
    winner, other = (a, b) if results[0].status_code == 200 else (b, a)
    nobody = await other.http.post("/api/staff/visits/next", json={"provider_id": "kaigo-hoken"})
    assert nobody.status_code == 409 and "Nobody is waiting" in nobody.json()["detail"]
    await winner.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "follow_up", "note": "書類を郵送"})


async def test_accept_next_race_gives_each_clerk_a_different_citizen(stack: Stack) -> None:
    kiosks = [await enrol_kiosk(stack) for _ in range(2)]
    tickets = [await k.take_ticket("home-care-consultation") for k in kiosks]
    clerks = [await staff_member(stack, ["hidamari-care"]) for _ in range(2)]
    results = await asyncio.gather(*(c.http.post("/api/staff/visits/next", json={}) for c in clerks))
    assert all(r.status_code == 200 for r in results), [r.text for r in results]
    assert {r.json()["id"] for r in results} == {t["id"] for t in tickets}
    for c, r in zip(clerks, results, strict=True):
        await c.http.post(f"/api/staff/visits/{r.json()['id']}/no-show")


async def test_staff_of_another_counter_cannot_take_the_citizen(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("bank-address-change")
    outsider = await staff_member(stack, ["kodomo-ikusei"])
    refused = await outsider.http.post(f"/api/staff/visits/{ticket['id']}/accept")
    assert refused.status_code == 403
    assert all(w["visit_id"] != ticket["id"] for w in (await outsider.http.get("/api/staff/queue")).json()["waiting"])
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_hand_over_keeps_the_visit_and_goes_to_the_head_of_the_queue(stack: Stack) -> None:
    early, handed = await enrol_kiosk(stack), await enrol_kiosk(stack)
    waiting = await early.take_ticket("child-subsidy")
    ticket = await handed.take_ticket("bank-address-change")
    banker = await staff_member(stack, ["joyo-ginko"])
    assert (await banker.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200
    missing = await banker.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "handed_off"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "hand_to_service_id"
    handed_over = await banker.http.post(
        f"/api/staff/visits/{ticket['id']}/end",
        json={"outcome": "handed_off", "note": "子育て支援の補助金について", "hand_to_service_id": "child-subsidy"},
    )
    assert handed_over.status_code == 200
    now = (await handed.http.get("/api/visits/current")).json()
    assert now["id"] == ticket["id"] and now["service_id"] == "child-subsidy"
    assert now["position"] == 1 and now["handed_over"] is True
    assert (await early.http.get("/api/visits/current")).json()["position"] == 2
    for k, t in ((early, waiting), (handed, ticket)):
        await k.http.post(f"/api/visits/{t['id']}/cancel")


async def test_staff_availability(stack: Stack) -> None:
    clerk = await staff_member(stack, ["kenko-zoshin"], available=False)
    assert (await clerk.http.get("/api/staff/queue")).json()["availability"] == "away"
    assert (await clerk.http.put("/api/staff/availability", json={"availability": "available"})).json()[
        "availability"
    ] == "available"
    bad = await clerk.http.put("/api/staff/availability", json={"availability": "in_call"})
    assert bad.status_code == 422
    await clerk.http.put("/api/staff/availability", json={"availability": "away"})
