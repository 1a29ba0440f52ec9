"""Health checks for the load balancer and the operator: is the process up, can it reach its stores."""

from __future__ import annotations

import msgspec
from litestar import Controller, Response, get
from litestar.datastructures import State
from sqlalchemy import text

from backend.problems import PROBLEM_JSON, Problem


class Health(msgspec.Struct):
    status: str
    database: str = "not checked"
    redis: str = "not configured"


class HealthController(Controller):
    path = "/health"
    tags = ("health",)

    @get("/live", summary="The process is up")
    async def live(self) -> Health:
        return Health(status="ok")

    @get("/ready", summary="The database (and Redis, when configured) can be reached")
    async def ready(self, state: State) -> Response[Health | Problem]:
        health = Health(status="ok", database="ok")
        reasons = []
        try:
            async with state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means "not ready", and says why
            health.database = f"unreachable: {type(exc).__name__}"
            reasons.append(f"database {health.database}")
        if state.redis is not None:
            try:
                await state.redis.ping()
                health.redis = "ok"
            except Exception as exc:
                health.redis = f"unreachable: {type(exc).__name__}"
                reasons.append(f"redis {health.redis}")
        if reasons:
            problem = Problem(type="/problems/not-ready", title="Not ready", status=503, detail="; ".join(reasons))
            return Response(problem, status_code=503, media_type=PROBLEM_JSON)
        return Response(health)
