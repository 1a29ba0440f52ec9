"""The audit chain: every access to card data is recorded; `madoguchi audit verify` finds tampering."""

from __future__ import annotations

import base64
import os
import subprocess
import sys

from sqlalchemy import delete, update
from sqlmodel import col, select

from backend.audit.models import AuditEntry
from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity
from tests.support.stack import Stack, enrol_kiosk, staff_member


def _verify(stack: Stack) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "audit", "verify"],
        env={**os.environ, "DATABASE_URL": stack.settings.database_url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def _card_read_and_look(stack: Stack, jlis: SimulatedJlis) -> tuple[str, str]:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("residence-certificate")
    identity = CardIdentity()
    basic, number = identity.basic_info_record(), identity.my_number_record()
    files = {"basic_info": basic, "signature": jlis.signature_file(number, basic), "certificate": jlis.certificate()}
    body = {k: base64.b64encode(v).decode() for k, v in files.items()}
    read = (await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=body)).json()
    clerk = await staff_member(stack, ["shimin-ka"])
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")
    await clerk.http.get(f"/api/staff/visits/{ticket['id']}/card-reads")
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    return ticket["id"], read["id"]


async def test_card_data_access_is_recorded_with_who_what_and_why(stack: Stack, jlis: SimulatedJlis) -> None:
    visit_id, read_id = await _card_read_and_look(stack, jlis)
    async with stack.session() as session:
        rows = (
            await session.exec(select(AuditEntry).where(AuditEntry.visit_id == visit_id).order_by(col(AuditEntry.seq)))
        ).all()
    assert [(r.actor_kind, r.action, r.subject_kind, r.subject_id) for r in rows] == [
        ("terminal", "create", "card_read", read_id),
        ("staff", "read", "card_read", read_id),
    ]
    assert rows[0].at.tzinfo is not None and rows[1].prev_hash == rows[0].hash
    result = _verify(stack)
    assert result.returncode == 0 and "intact" in result.stdout


async def test_verify_names_the_first_changed_removed_or_reordered_entry(stack: Stack, jlis: SimulatedJlis) -> None:
    for _ in range(2):
        await _card_read_and_look(stack, jlis)
    async with stack.session() as session:
        rows = (await session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(4))).all()
    newest, third, second, first = rows
    original = first.actor_id

    async def tamper(statement: object) -> None:
        async with stack.session() as session:
            await session.exec(statement)  # type: ignore[call-overload]

    # Changed: someone rewrites who looked.
    await tamper(update(AuditEntry).where(col(AuditEntry.seq) == second.seq).values(actor_id="someone-else"))
    broken = _verify(stack)
    assert broken.returncode == 1 and f"entry {second.seq}" in broken.stderr and "changed" in broken.stderr
    await tamper(update(AuditEntry).where(col(AuditEntry.seq) == second.seq).values(actor_id=second.actor_id))
    assert _verify(stack).returncode == 0

    # Removed: a row in the middle disappears.
    await tamper(delete(AuditEntry).where(col(AuditEntry.seq) == third.seq))
    broken = _verify(stack)
    assert broken.returncode == 1 and f"entry {third.seq}" in broken.stderr and "missing" in broken.stderr
    async with stack.session() as session:
        session.add(AuditEntry(**{k: getattr(third, k) for k in AuditEntry.model_fields}))
    assert _verify(stack).returncode == 0

    # Reordered: two rows swap places (content and hashes moved together).
    fields = [k for k in AuditEntry.model_fields if k != "seq"]
    await tamper(
        update(AuditEntry)
        .where(col(AuditEntry.seq) == first.seq)
        .values(**{k: getattr(second, k) for k in fields if k != "hash"}, hash="x")
    )
    await tamper(
        update(AuditEntry).where(col(AuditEntry.seq) == second.seq).values(**{k: getattr(first, k) for k in fields})
    )
    await tamper(update(AuditEntry).where(col(AuditEntry.seq) == first.seq).values(hash=second.hash))
    broken = _verify(stack)
    assert broken.returncode == 1 and f"entry {first.seq}" in broken.stderr
    await tamper(update(AuditEntry).where(col(AuditEntry.seq) == second.seq).values(hash="y"))
    await tamper(
        update(AuditEntry).where(col(AuditEntry.seq) == first.seq).values(**{k: getattr(first, k) for k in fields})
    )
    await tamper(
        update(AuditEntry).where(col(AuditEntry.seq) == second.seq).values(**{k: getattr(second, k) for k in fields})
    )
    assert _verify(stack).returncode == 0

    # The newest entry removed: the head no longer matches.
    await tamper(delete(AuditEntry).where(col(AuditEntry.seq) == newest.seq))
    broken = _verify(stack)
    assert broken.returncode == 1 and "removed" in broken.stderr
    async with stack.session() as session:
        session.add(AuditEntry(**{k: getattr(newest, k) for k in AuditEntry.model_fields}))
    assert _verify(stack).returncode == 0
    assert original == first.actor_id
