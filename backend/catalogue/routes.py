"""Catalogue HTTP routes: public, read-only."""

from __future__ import annotations

from litestar import Controller, get
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import schemas, service


class CatalogueController(Controller):
    path = "/api/catalogue"
    tags = ("catalogue",)

    @get("/", summary="Providers and the services they offer")
    async def catalogue(self, db: AsyncSession) -> schemas.Catalogue:
        return await service.get_catalogue(db)
