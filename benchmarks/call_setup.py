"""Call set-up time: from the clerk pressing "accept" to the first decoded remote video frame, on both sides.

Runs the real app (in-process uvicorn, SQLite) and two aiortc participants over loopback, 10 calls.
The kiosk is already connected and waiting when the clerk accepts, as in the van.
Target: median <= 0.5 s.   Usage: python benchmarks/call_setup.py [--calls 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.rtc_client import RtcParticipant
from tests.support.stack import enrol_kiosk, serve, session_cookie, staff_member


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


async def one_call(stack, clerk) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("health-consultation")
    citizen = RtcParticipant(kiosk.signal_url(ticket["id"]), kiosk.headers, "citizen")
    await citizen.start()
    staff = RtcParticipant(kiosk.signal_url(ticket["id"], "staff"), session_cookie(clerk), "staff")
    accepted = time.perf_counter()
    response = await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")
    assert response.status_code == 200, response.text
    await staff.start()
    try:
        await asyncio.wait_for(
            asyncio.gather(citizen.received.first_video.wait(), staff.received.first_video.wait()), 30
        )
        assert citizen.received.first_video_at and staff.received.first_video_at
        return citizen.received.first_video_at - accepted, staff.received.first_video_at - accepted
    finally:
        await staff.hang_up()
        await citizen.close()
        await staff.close()
        await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
        await kiosk.http.aclose()


async def main(calls: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="madoguchi-bench-"))
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bench.db'}",
        "AUTH_RATE_LIMIT_PER_MINUTE": "100000",
        "LOG_LEVEL": "WARNING",
    }
    async with serve(env) as stack:
        clerk = await staff_member(stack, ["kenko-zoshin"])
        await one_call(stack, clerk)  # warm-up: imports, codecs, first connections
        kiosk_side, staff_side, both = [], [], []
        for n in range(calls):
            to_kiosk, to_staff = await one_call(stack, clerk)
            kiosk_side.append(to_kiosk)
            staff_side.append(to_staff)
            both.append(max(to_kiosk, to_staff))
            print(f"call {n + 1:2d}: kiosk sees staff after {to_kiosk:.3f} s, staff sees kiosk after {to_staff:.3f} s")
        await clerk.aclose()
    return {
        "calls": calls,
        "median_s": round(statistics.median(both), 3),
        "p90_s": round(p90(both), 3),
        "kiosk_median_s": round(statistics.median(kiosk_side), 3),
        "staff_median_s": round(statistics.median(staff_side), 3),
        "target_median_s": 0.5,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=10)
    figures = asyncio.run(main(parser.parse_args().calls))
    print(f"median {figures['median_s']} s, p90 {figures['p90_s']} s (both sides decoding; target median <= 0.5 s)")
    print(json.dumps(figures))
