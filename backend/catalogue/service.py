"""Reading the catalogue and loading the demo set."""

from __future__ import annotations

from pathlib import Path

import anyio
import msgspec
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import models, schemas

DEMO_FILE = Path(__file__).with_name("demo.json")


class _DemoService(msgspec.Struct):
    id: str
    kind: schemas.ServiceKind
    icon: str
    name: schemas.Localized
    description: schemas.Localized
    needs_identity_check: bool = False
    my_number_legal_basis: str | None = None


class _DemoProvider(msgspec.Struct):
    id: str
    kind: schemas.ProviderKind
    name: schemas.Localized
    services: list[_DemoService]


class _Demo(msgspec.Struct):
    providers: list[_DemoProvider]


def _localized(value: dict[str, str]) -> schemas.Localized:
    return schemas.with_ruby(msgspec.convert(value, schemas.Localized))


def _to_dict(value: schemas.Localized) -> dict[str, str]:
    return msgspec.to_builtins(value)


async def get_catalogue(session: AsyncSession) -> schemas.Catalogue:
    providers = (await session.exec(select(models.Provider).order_by(col(models.Provider.sort_order)))).all()
    services = (await session.exec(select(models.Service).order_by(col(models.Service.sort_order)))).all()
    by_provider: dict[str, list[schemas.Service]] = {p.id: [] for p in providers}
    for s in services:
        by_provider[s.provider_id].append(
            schemas.Service(
                id=s.id,
                provider_id=s.provider_id,
                kind=s.kind,  # type: ignore[arg-type]
                name=_localized(s.name),
                description=_localized(s.description),
                icon=s.icon,
                needs_identity_check=s.needs_identity_check,
                collects_my_number=s.my_number_legal_basis is not None,
            )
        )
    return schemas.Catalogue(
        providers=[
            schemas.Provider(id=p.id, kind=p.kind, name=_localized(p.name), services=by_provider[p.id])  # type: ignore[arg-type]
            for p in providers
        ]
    )


async def provider_refs(session: AsyncSession, provider_ids: list[str]) -> list[schemas.ProviderRef]:
    if not provider_ids:
        return []
    rows = (await session.exec(select(models.Provider).where(models.Provider.id.in_(provider_ids)))).all()  # type: ignore[attr-defined]
    order = {pid: i for i, pid in enumerate(provider_ids)}
    return [schemas.ProviderRef(id=p.id, name=_localized(p.name)) for p in sorted(rows, key=lambda p: order[p.id])]


async def existing_provider_ids(session: AsyncSession, provider_ids: list[str]) -> set[str]:
    rows = await session.exec(select(models.Provider.id).where(models.Provider.id.in_(provider_ids)))  # type: ignore[attr-defined]
    return set(rows.all())


async def load_demo(session: AsyncSession, path: Path = DEMO_FILE) -> int:
    """Insert or update the demo catalogue; running it twice changes nothing. Returns services loaded."""
    demo = msgspec.json.decode(await anyio.Path(path).read_bytes(), type=_Demo)
    count = 0
    for p_order, p in enumerate(demo.providers):
        provider = await session.get(models.Provider, p.id) or models.Provider(id=p.id, kind=p.kind, name={})
        provider.kind, provider.name, provider.sort_order = p.kind, _to_dict(p.name), p_order
        session.add(provider)
        for s_order, s in enumerate(p.services):
            service = await session.get(models.Service, s.id) or models.Service(
                id=s.id, provider_id=p.id, kind=s.kind, name={}, description={}, icon=s.icon
            )
            service.provider_id, service.kind, service.icon = p.id, s.kind, s.icon
            service.name, service.description = _to_dict(s.name), _to_dict(s.description)
            service.needs_identity_check = s.needs_identity_check
            service.my_number_legal_basis = s.my_number_legal_basis
            service.sort_order = p_order * 100 + s_order
            session.add(service)
            count += 1
    await session.flush()
    return count
