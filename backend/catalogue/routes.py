"""Catalogue HTTP routes: public, read-only."""

from __future__ import annotations

from litestar import Controller, get
from litestar.datastructures import CacheControlHeader
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import schemas, service


class CatalogueController(Controller):
    path = "/api/catalogue"
    tags = ("catalogue",)
    # Nothing personal: the kiosk's service worker and the browser may keep it, but must revalidate.
    cache_control = CacheControlHeader(no_cache=True)

    @get("/", summary="Providers and the services they offer")
    async def catalogue(self, db: AsyncSession) -> schemas.Catalogue:
        return await service.get_catalogue(db)
