"""Document stills from the document camera: find the sheet of paper, correct perspective, crop.

The original is always kept next to the corrected image, so a wrong guess loses nothing.
"""

from __future__ import annotations

import cv2
import numpy as np

DETECT_WIDTH = 1000  # find the page on a small copy; warp the full-resolution original
MIN_PAGE_SHARE = 0.15  # a "page" smaller than this share of the picture is probably not one
ISO_RATIO = 2**0.5  # A and JIS B paper (A4, B5, A3, B4): every office form in Japan
ISO_SNAP = 0.1  # edges measured in a tilted photo are foreshortened; this close to ISO means ISO


def _order(corners: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = corners.sum(axis=1), np.diff(corners, axis=1).ravel()
    return np.array(
        [corners[np.argmin(sums)], corners[np.argmin(diffs)], corners[np.argmax(sums)], corners[np.argmax(diffs)]],
        dtype=np.float32,
    )


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The four corners of the largest bright quadrilateral, in the image's own pixels, or None."""
    scale = min(1.0, DETECT_WIDTH / image.shape[1])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    if gray.std() < 10:  # one flat colour: an empty desk or a covered lens
        return None
    # Paper is brighter than the desk: Otsu separates them without a tuned threshold.
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(largest) / (gray.shape[0] * gray.shape[1])
    if not MIN_PAGE_SHARE <= share <= 0.98:  # the whole frame is not a page lying on a desk
        return None
    polygon = cv2.approxPolyDP(largest, 0.02 * cv2.arcLength(largest, True), True)
    if len(polygon) != 4:
        return None
    return _order(polygon.reshape(4, 2).astype(np.float32) / scale)


def _paper_size(width: int, height: int) -> tuple[int, int]:
    """Undo the foreshortening of the far edge: a sheet that is nearly A/B-series is that shape."""
    for ratio in (ISO_RATIO, 1 / ISO_RATIO):  # portrait, landscape
        if abs(height / width / ratio - 1) < ISO_SNAP:
            wide = max(width, round(height / ratio))  # the least foreshortened edge sets the size
            return wide, round(wide * ratio)
    return width, height


def straighten(jpeg: bytes) -> bytes | None:
    """The page, flattened and cropped, as JPEG; None when no page could be found."""
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("This is not a JPEG or PNG image.")
    corners = find_page(image)
    if corners is None:
        return None
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    width, height = _paper_size(width, height)
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    flat = cv2.warpPerspective(image, cv2.getPerspectiveTransform(corners, target), (width, height))
    ok, encoded = cv2.imencode(".jpg", flat, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return bytes(encoded)
