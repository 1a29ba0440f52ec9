"""Generated photographs of a printed page lying on a desk, with the page's true corners: for the
deskew tests and benchmark. The camera looks at the desk turned by an angle and from the side
(perspective: the far edge is shorter), with uneven light and sensor noise like a real still."""

from __future__ import annotations

import math

import cv2
import numpy as np

from device_bridge.camera.page import A4_RATIO, DESK_BGR, _print_form


def photographed_page(
    width: int,
    height: int,
    *,
    angle: float = 0.0,
    tilt: float = 0.0,
    page_share: float = 0.7,
    noise: float = 0.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A BGR photo ``height`` x ``width`` and the page's corners in it (top-left, top-right,
    bottom-right, bottom-left of the page as printed), float32 pixels.

    ``angle``: the page turned on the desk, degrees. ``tilt``: 0..1, how much shorter the far
    (top) edge looks than the near one. ``noise``: standard deviation of sensor noise in grey levels.
    """
    page_h = int(height * page_share)
    page_w = int(page_h / A4_RATIO)
    page = np.full((page_h, page_w, 3), 250, np.uint8)
    _print_form(page)
    corners = np.float32(
        [[-page_w / 2, -page_h / 2], [page_w / 2, -page_h / 2], [page_w / 2, page_h / 2], [-page_w / 2, page_h / 2]]
    )
    corners[:2, 0] *= 1 - tilt  # the far edge is shorter ...
    corners[:2, 1] *= 1 - tilt / 2  # ... and nearer the middle
    a = math.radians(angle)
    turn = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    corners = corners @ turn.T + np.array([width / 2, height / 2], np.float32)
    flat = np.array([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]], np.float32)
    photo = np.full((height, width, 3), DESK_BGR, np.uint8)
    cv2.warpPerspective(
        page, cv2.getPerspectiveTransform(flat, corners), (width, height), dst=photo, borderMode=cv2.BORDER_TRANSPARENT
    )
    if noise:
        rng = np.random.default_rng(seed)
        light = np.linspace(0.85, 1.05, width, dtype=np.float32)[None, :, None]  # a lamp on one side
        grain = rng.normal(0, noise, (height, width, 1)).astype(np.float32)
        photo = np.clip(photo.astype(np.float32) * light + grain, 0, 255).astype(np.uint8)
    return photo, corners.astype(np.float32)


def jpeg(image: np.ndarray, quality: int = 92) -> bytes:
    return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1])
