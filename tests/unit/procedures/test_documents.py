"""Finding and flattening a sheet of paper photographed at an angle by the document camera."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from backend.procedures.documents import find_page, straighten
from device_bridge.camera.page import A4_RATIO, render_page
from tests.support.pages import jpeg, photographed_page


def _jpeg(image: np.ndarray) -> bytes:
    return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1])


def _tilted(image: np.ndarray) -> np.ndarray:
    """As if the camera looked at the desk from the side: the page becomes a trapezoid."""
    h, w = image.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[w * 0.08, h * 0.05], [w * 0.95, 0], [w, h], [0, h * 0.96]])
    return cv2.warpPerspective(image, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=(70, 90, 110))


@pytest.mark.parametrize("skew", [0.0, 7.0, -12.0])
def test_a_page_on_the_desk_comes_out_flat_and_cropped(skew: float) -> None:
    photo = _tilted(render_page(2592, 1944, skew_degrees=skew))
    flat = cv2.imdecode(np.frombuffer(straighten(_jpeg(photo)) or b"", np.uint8), cv2.IMREAD_COLOR)
    assert flat is not None
    height, width = flat.shape[:2]
    assert abs(height / width - A4_RATIO) < 0.08  # an A4 sheet again, not a trapezoid
    assert height > 1200  # full resolution, not the small detection copy
    # Cropped to the paper: the desk's colour is gone from the edges.
    border = np.concatenate([flat[:20].reshape(-1, 3), flat[-20:].reshape(-1, 3), flat[:, :20].reshape(-1, 3)])
    assert border.mean() > 200


@pytest.mark.parametrize("tilt", [0.0, 0.15, 0.3])
@pytest.mark.parametrize("angle", [-30.0, -20.0, -10.0, 0.0, 10.0, 20.0, 30.0])
def test_corners_are_found_within_two_percent_of_the_page(angle: float, tilt: float) -> None:
    """Generated pages photographed turned up to 30 degrees and from the side (perspective)."""
    photo, truth = photographed_page(
        2592, 1944, angle=angle, tilt=tilt, noise=6, seed=int(abs(angle) * 10 + tilt * 100)
    )
    found = find_page(cv2.imdecode(np.frombuffer(jpeg(photo), np.uint8), cv2.IMREAD_COLOR))
    assert found is not None
    page_size = min(np.linalg.norm(truth[1] - truth[0]), np.linalg.norm(truth[3] - truth[0]))  # the shorter side
    # Each corner, in order (top-left first, as printed), within 2% of the page's shorter side.
    errors = np.linalg.norm(found - truth, axis=1) / page_size
    assert errors.max() < 0.02, f"corner errors {np.round(errors, 4)}"


def test_a_12_megapixel_still_comes_out_upright_at_full_resolution() -> None:
    photo, truth = photographed_page(4000, 3000, angle=-25, tilt=0.25, noise=6)
    flat = cv2.imdecode(np.frombuffer(straighten(jpeg(photo)) or b"", np.uint8), cv2.IMREAD_COLOR)
    assert flat is not None
    height, width = flat.shape[:2]
    assert abs(height / width - A4_RATIO) < 0.05
    assert width >= 0.95 * np.linalg.norm(truth[2] - truth[3])  # as wide as the page's near edge in the photo
    # Upright: the printed title sits in the top part of the page, the blank margin below the seal.
    ink = (cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY) < 120).mean(axis=1)
    assert ink[: height // 6].mean() > ink[-height // 20 :].mean()


def test_no_page_means_no_guess() -> None:
    desk = np.full((800, 1200, 3), (70, 90, 110), np.uint8)
    assert straighten(_jpeg(desk)) is None


def test_not_an_image() -> None:
    with pytest.raises(ValueError, match="not a JPEG"):
        straighten(b"hello")
