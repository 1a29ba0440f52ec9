"""The application is live on both screens: every change the clerk makes reaches the kiosk's
signaling socket as visit_changed (published after the commit), and every answer the citizen gives
reaches the clerk's, so each side re-reads the application at once."""

from __future__ import annotations

from tests.support.signal import Signal
from tests.support.stack import Stack, enrol_kiosk, session_cookie, staff_member


async def test_each_change_to_the_application_is_announced_to_the_other_side(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("bank-address-change")
    visit = str(ticket["id"])
    citizen = await Signal.open(kiosk.signal_url(visit), kiosk.headers)
    await citizen.next("welcome")
    clerk = await staff_member(stack, ["joyo-ginko"])
    assert (await clerk.http.post(f"/api/staff/visits/{visit}/accept")).status_code == 200
    await citizen.next("visit_changed", where=lambda m: m["visit"]["status"] == "in_call")
    staff = await Signal.open(kiosk.signal_url(visit, role="staff"), session_cookie(clerk))
    await staff.next("welcome", role="staff")

    opened = await clerk.http.post(f"/api/staff/visits/{visit}/application")
    app_id = opened.json()["id"]
    await citizen.next("visit_changed")
    assert (await kiosk.http.get(f"/api/visits/{visit}/application")).json()["id"] == app_id

    # The clerk types: the kiosk hears of it and reads the new value.
    edited = await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"name": "笠間 太郎"}})
    assert edited.status_code == 200
    await citizen.next("visit_changed")
    seen = (await kiosk.http.get(f"/api/visits/{visit}/application")).json()
    assert seen["values"]["name"] == "笠間 太郎"

    # The citizen says "Not right": the clerk hears of it and sees the section disputed.
    for _ in ("open", "edit"):  # announced to the clerk's own screen too
        await staff.next("visit_changed")
    section = seen["sections"][0]["id"]
    assert (await kiosk.http.post(f"/api/visits/{visit}/application/sections/{section}/dispute")).status_code == 200
    await staff.next("visit_changed")
    again = (await clerk.http.post(f"/api/staff/visits/{visit}/application")).json()
    assert again["sections"][0]["disputed"] is True
    for s in (citizen, staff):
        await s.close()
