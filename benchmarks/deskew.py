"""Deskew time: finding a page in a 12 MP document-camera still and flattening it, on one core.

Times backend.procedures.documents.straighten (JPEG in → JPEG out: decode, find the page on a small
copy, warp the full-resolution image once, encode), as the server does for every capture; and
find_page alone. Photos are generated: an A4 form turned up to 30° and seen from the side, with
uneven light and sensor noise (so the JPEG is as large as a real one, ~3.7 MB).
Target: median <= 0.4 s.   Usage: python benchmarks/deskew.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.procedures import documents
from tests.support.pages import jpeg, photographed_page

SIZE = (4000, 3000)  # 12 MP
POSES = [(0.0, 0.0), (12.0, 0.1), (-20.0, 0.2), (30.0, 0.3), (-30.0, 0.15)]  # (angle °, tilt)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main(runs: int) -> dict[str, float]:
    cv2.setNumThreads(1)  # one core, as one server worker thread gets
    stills = []
    for n, (angle, tilt) in enumerate(POSES):
        photo, truth = photographed_page(*SIZE, angle=angle, tilt=tilt, noise=6, seed=n)
        stills.append((angle, tilt, jpeg(photo), photo, truth))
    for _, _, data, _, _ in stills:  # warm-up: OpenCV's first calls allocate
        documents.straighten(data)
    whole, finding, worst_error = [], [], 0.0
    for run in range(runs):
        angle, tilt, data, photo, truth = stills[run % len(stills)]
        started = time.perf_counter()
        flat = documents.straighten(data)
        took = time.perf_counter() - started
        started = time.perf_counter()
        corners = documents.find_page(photo)
        found_in = time.perf_counter() - started
        assert flat is not None and corners is not None, f"no page found at {angle}°, tilt {tilt}"
        side = min(np.linalg.norm(truth[1] - truth[0]), np.linalg.norm(truth[3] - truth[0]))
        error = float(np.linalg.norm(corners - truth, axis=1).max() / side)
        worst_error = max(worst_error, error)
        whole.append(took)
        finding.append(found_in)
        print(
            f"run {run + 1:2d}: {angle:+5.1f}° tilt {tilt:.2f}, {len(data) / 1e6:.1f} MB JPEG: "
            f"straighten {took * 1000:6.1f} ms (find_page {found_in * 1000:5.1f} ms), "
            f"worst corner off by {error * 100:.2f}% of the page"
        )
    return {
        "runs": runs,
        "megapixels": SIZE[0] * SIZE[1] / 1e6,
        "median_s": round(statistics.median(whole), 3),
        "p90_s": round(p90(whole), 3),
        "find_page_median_s": round(statistics.median(finding), 4),
        "worst_corner_error": round(worst_error, 4),
        "target_s": 0.4,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    figures = main(parser.parse_args().runs)
    print(f"median {figures['median_s'] * 1000:.0f} ms, p90 {figures['p90_s'] * 1000:.0f} ms (target ≤ 400 ms)")
    print(json.dumps(figures))
