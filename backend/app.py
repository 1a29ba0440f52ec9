"""create_app(): every plugin, router and error handler of the Madoguchi server, in one readable place."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from litestar import Litestar
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from litestar.stores.registry import StoreRegistry
from redis.asyncio import Redis
from sqlmodel.ext.asyncio.session import AsyncSession

from backend import db as database
from backend.calls.routes import signal
from backend.catalogue.routes import CatalogueController
from backend.health import HealthController
from backend.identity import auth
from backend.identity.routes import AdminController, AuthController, InviteController, MeController, TerminalController
from backend.notify import attach
from backend.problems import exception_handlers
from backend.procedures import attachments
from backend.procedures.routes import (
    KioskApplicationController,
    KioskAttachmentController,
    KioskCardController,
    PostalCodeController,
    ReceiptController,
    StaffApplicationController,
    StaffAttachmentController,
    StaffCardController,
    kiosk_receipt_pdf,
    staff_receipt_pdf,
)
from backend.settings import Settings, get_settings
from backend.visits.routes import KioskHelpController, KioskVisitController, StaffCounterController, staff_live
from backend.web import frontend_router

# Sign-in, invite, enrolment and receipt-status routes are where guessing would happen: rate-limit them per client.
_RATE_LIMITED = ("/api/auth/", "/api/invites/", "/api/terminal/enrol", "/api/receipts/")


def _stores(redis: Redis | None) -> StoreRegistry:
    def default(name: str) -> Store:
        if redis is None:
            return MemoryStore()
        return RedisStore(redis, namespace=f"madoguchi:{name}", handle_client_shutdown=False)

    return StoreRegistry(default_factory=default)


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = database.create_engine(settings.database_url, echo=settings.debug)
    sessions = database.session_factory(engine)
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None

    channels = ChannelsPlugin(
        backend=RedisChannelsPubSubBackend(redis=redis) if redis else MemoryChannelsBackend(),
        arbitrary_channels_allowed=True,
        create_ws_route_handlers=False,
    )

    @asynccontextmanager
    async def open_session() -> AsyncIterator[AsyncSession]:
        # Sessions carry the channels plugin so that notify() can publish after commit.
        async with sessions() as session:
            yield attach(session, channels)

    async def provide_db() -> AsyncIterator[AsyncSession]:
        async with open_session() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # Everything loaded at start-up lives as long as the process: keep it out of the garbage
        # collector's full sweeps, which otherwise pause every call's signaling for tens of ms.
        gc.collect()
        gc.freeze()
        every = timedelta(minutes=settings.retention_sweep_minutes)
        sweeper = asyncio.create_task(attachments.sweep_forever(open_session, every))
        try:
            yield
        finally:
            sweeper.cancel()
            await asyncio.gather(sweeper, return_exceptions=True)
            await engine.dispose()
            if redis is not None:
                await redis.aclose()

    return Litestar(
        route_handlers=[
            HealthController,
            CatalogueController,
            InviteController,
            AuthController,
            MeController,
            AdminController,
            TerminalController,
            KioskVisitController,
            KioskHelpController,
            StaffCounterController,
            staff_live,
            signal,
            KioskCardController,
            StaffCardController,
            KioskApplicationController,
            StaffApplicationController,
            PostalCodeController,
            ReceiptController,
            kiosk_receipt_pdf,
            staff_receipt_pdf,
            KioskAttachmentController,
            StaffAttachmentController,
            frontend_router(settings.frontend_dist),
        ],
        dependencies={
            "db": Provide(provide_db),
            "settings": Provide(auth.provide_settings, sync_to_thread=False),
            "auth_store": Provide(auth.provide_auth_store, sync_to_thread=False),
        },
        plugins=[channels],
        middleware=[
            RateLimitConfig(
                rate_limit=("minute", settings.auth_rate_limit_per_minute),
                store="rate_limit",
                check_throttle_handler=lambda request: request.url.path.startswith(_RATE_LIMITED),
            ).middleware
        ],
        stores=_stores(redis),
        exception_handlers=exception_handlers,
        # Personal answers must not stay in a shared kiosk's HTTP cache; public routes say otherwise.
        cache_control=CacheControlHeader(no_store=True),
        request_max_body_size=settings.upload_max_bytes,
        openapi_config=OpenAPIConfig(
            title="Madoguchi",
            version="0.1.0",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
        ),
        state=State({"settings": settings, "engine": engine, "redis": redis, "open_session": open_session}),
        lifespan=[lifespan],
        debug=False,  # never a stack trace to a client, even when DEBUG is set; logs carry it
    )
