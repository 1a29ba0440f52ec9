"""Document stills straightened on the server; consented photos; deletion when retention ends."""

from __future__ import annotations

import os
import sys
from datetime import timedelta

import anyio
import cv2
import httpx
import numpy as np
from sqlalchemy import update
from sqlmodel import col, select

from backend.audit.models import AuditEntry
from backend.db import utcnow
from backend.procedures.models import Attachment
from device_bridge.camera.page import render_page
from tests.integration.test_applications import _in_call
from tests.support.stack import Kiosk, Stack, enrol_kiosk
from tests.unit.procedures.test_documents import _jpeg, _tilted


async def _upload_document(kiosk: Kiosk, visit_id: str, still: bytes) -> httpx.Response:
    """The kiosk sends a document camera still, as the page does (raw JPEG body)."""
    return await kiosk.http.post(
        f"/api/visits/{visit_id}/attachments",
        params={"kind": "document"},
        content=still,
        headers={"content-type": "image/jpeg"},
    )


async def test_a_document_still_is_kept_and_straightened_for_both_sides(stack: Stack) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "care-certification", "kaigo-hoken")
    still = _jpeg(_tilted(render_page(2592, 1944, skew_degrees=6)))
    uploaded = await _upload_document(kiosk, ticket["id"], still)
    assert uploaded.status_code == 201, uploaded.text
    original, corrected = uploaded.json()
    assert original["kind"] == "document" and original["size"] == len(still)
    assert corrected["kind"] == "document_corrected" and corrected["original_id"] == original["id"]

    listed = (await clerk.http.get(f"/api/staff/visits/{ticket['id']}/attachments")).json()
    assert [a["id"] for a in listed] == [original["id"], corrected["id"]]
    image = await clerk.http.get(f"/api/staff/visits/{ticket['id']}/attachments/{corrected['id']}/content")
    assert image.headers["content-type"] == "image/jpeg" and image.headers["cache-control"] == "no-store"
    flat = cv2.imdecode(np.frombuffer(image.content, np.uint8), cv2.IMREAD_COLOR)
    assert flat.shape[0] > flat.shape[1]  # portrait A4 again
    same = await kiosk.http.get(f"/api/visits/{ticket['id']}/attachments/{original['id']}/content")
    assert same.content == still  # the original is kept exactly as taken
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})


async def test_photos_need_consent_and_are_deleted_when_retention_ends(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack, name="home tablet")
    ticket = await kiosk.take_ticket("child-rearing-consultation")
    photo = _jpeg(np.full((480, 640, 3), 180, np.uint8))
    url = f"/api/visits/{ticket['id']}/attachments"
    refused = await kiosk.http.post(
        url, params={"kind": "photo"}, content=photo, headers={"content-type": "image/jpeg"}
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "consent"
    wrong_type = await kiosk.http.post(
        url, params={"kind": "video", "consent": "true"}, content=photo, headers={"content-type": "image/jpeg"}
    )
    assert wrong_type.status_code == 422
    shared = await kiosk.http.post(
        url, params={"kind": "photo", "consent": "true"}, content=photo, headers={"content-type": "image/jpeg"}
    )
    assert shared.status_code == 201
    item = shared.json()[0]
    assert stack.settings.retention_days_media == 30
    assert item["delete_after"][:10] == (utcnow() + timedelta(days=30)).date().isoformat()

    async with stack.session() as session:  # time passes: the retention period ends
        await session.exec(
            update(Attachment)
            .where(col(Attachment.id) == item["id"])
            .values(delete_after=utcnow() - timedelta(minutes=1))
        )
    purge = await anyio.run_process(
        [sys.executable, "-m", "backend.cli", "retention", "purge"],
        env={**os.environ, "DATABASE_URL": stack.settings.database_url},
        check=False,
    )
    assert purge.returncode == 0, purge.stderr.decode()
    assert "deleted 1 expired" in purge.stdout.decode()
    assert (await kiosk.http.get(f"{url}/{item['id']}/content")).status_code == 404
    async with stack.session() as session:
        trail = (
            await session.exec(
                select(AuditEntry).where(AuditEntry.subject_id == item["id"]).order_by(col(AuditEntry.seq))
            )
        ).all()
    assert [(e.actor_kind, e.action) for e in trail] == [("terminal", "create"), ("system", "delete")]
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_the_consent_screen_can_say_how_long_uploads_are_kept(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack, name="home tablet")
    ticket = await kiosk.take_ticket("child-rearing-consultation")
    kept = await kiosk.http.get(f"/api/visits/{ticket['id']}/attachments/retention")
    assert kept.status_code == 200
    assert kept.json() == {
        "document_days": stack.settings.retention_days_documents,
        "media_days": stack.settings.retention_days_media,
    }
    other = await enrol_kiosk(stack, name="someone else's tablet")  # another terminal's visit is not its business
    assert (await other.http.get(f"/api/visits/{ticket['id']}/attachments/retention")).status_code in (403, 404)
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_a_captured_page_is_attached_to_the_form_and_only_a_page_of_this_visit(stack: Stack) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "care-certification", "kaigo-hoken")
    still = _jpeg(_tilted(render_page(1600, 1200, skew_degrees=4)))
    uploaded = await _upload_document(kiosk, ticket["id"], still)
    _, page = uploaded.json()
    app = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()
    assert app["form"]["version"] == 2  # the form gained the insurance card page

    attached = await clerk.http.patch(
        f"/api/staff/applications/{app['id']}", json={"values": {"insurance_card": page["id"]}}
    )
    assert attached.status_code == 200 and attached.json()["values"]["insurance_card"] == page["id"]
    shown = (await kiosk.http.get(f"/api/visits/{ticket['id']}/application")).json()
    assert shown["values"]["insurance_card"] == page["id"]  # the kiosk shows that page in the section

    # A page from someone else's visit, or a shared photo, cannot be attached.
    other, other_ticket, other_clerk = await _in_call(stack, "care-certification", "kaigo-hoken")
    theirs = await _upload_document(other, other_ticket["id"], still)
    for wrong in (theirs.json()[1]["id"], "no-such-page"):
        refused = await clerk.http.patch(
            f"/api/staff/applications/{app['id']}", json={"values": {"insurance_card": wrong}}
        )
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "insurance_card"
        assert "撮影した書類から選んでください" in refused.json()["errors"][0]["message"]
    kept = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()
    assert kept["values"]["insurance_card"] == page["id"]  # a refused choice changes nothing
    for c, t in ((clerk, ticket), (other_clerk, other_ticket)):
        await c.http.post(f"/api/staff/visits/{t['id']}/end", json={"outcome": "resolved"})
