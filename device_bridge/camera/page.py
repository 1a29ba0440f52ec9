"""A synthetic document on a desk, as a document camera would see it: for demos and tests.

Drawn with OpenCV: a white A4 sheet with a printed form (title, fields, a table, a seal),
optionally skewed on a darker desk, so the whole camera path runs without hardware and
downstream code (crop, deskew, OCR) has something real-looking to work on.
"""

from __future__ import annotations

import cv2
import numpy as np

DESK_BGR = (70, 90, 110)
INK = (30, 30, 30)
FONT = cv2.FONT_HERSHEY_SIMPLEX
A4_RATIO = 297 / 210

FORM_LINES = (
    "KASAMA CITY  -  APPLICATION FOR LONG-TERM CARE CERTIFICATION",
    "Form 1 (Article 27, Long-Term Care Insurance Act)",
)
FIELDS = ("Insured person no.", "Name", "Date of birth", "Address", "Telephone", "Reason for application")


def render_page(width: int, height: int, skew_degrees: float = 0.0) -> np.ndarray:
    """A BGR image ``height`` x ``width`` of a printed form lying on a desk."""
    page_h = int(height * 0.92)
    page_w = int(page_h / A4_RATIO)
    page = np.full((page_h, page_w, 3), 250, dtype=np.uint8)
    _print_form(page)
    canvas: np.ndarray = np.full((height, width, 3), DESK_BGR, dtype=np.uint8)
    top, left = (height - page_h) // 2, (width - page_w) // 2
    canvas[top : top + page_h, left : left + page_w] = page
    if skew_degrees:
        rotation = cv2.getRotationMatrix2D((width / 2, height / 2), skew_degrees, 1.0)
        canvas = cv2.warpAffine(canvas, rotation, (width, height), borderValue=DESK_BGR)
    return canvas


def _print_form(page: np.ndarray) -> None:
    h, w = page.shape[:2]
    unit = w / 100  # everything in "percent of the page width" so any resolution looks the same
    scale = unit / 22
    thick = max(1, round(unit / 8))
    y = int(8 * unit)
    cv2.putText(page, FORM_LINES[0], (int(6 * unit), y), FONT, scale * 1.15, INK, thick + 1, cv2.LINE_AA)
    y += int(5 * unit)
    cv2.putText(page, FORM_LINES[1], (int(6 * unit), y), FONT, scale * 0.9, INK, thick, cv2.LINE_AA)
    y += int(6 * unit)
    for label in FIELDS:
        cv2.putText(page, label, (int(6 * unit), y), FONT, scale, INK, thick, cv2.LINE_AA)
        cv2.line(page, (int(40 * unit), y + thick), (int(94 * unit), y + thick), INK, thick)
        y += int(9 * unit)
    _table(page, top=y, unit=unit, thick=thick, scale=scale)
    centre = (int(82 * unit), int(h - 14 * unit))
    cv2.circle(page, centre, int(7 * unit), (40, 40, 200), thick * 2, cv2.LINE_AA)
    cv2.putText(page, "SEAL", (centre[0] - int(4 * unit), centre[1] + int(unit)), FONT, scale, (40, 40, 200), thick)


def _table(page: np.ndarray, *, top: int, unit: float, thick: int, scale: float) -> None:
    rows, columns = 6, 4
    left, right = int(6 * unit), int(94 * unit)
    row_h = int(6 * unit)
    for row in range(rows + 1):
        y = top + row * row_h
        cv2.line(page, (left, y), (right, y), INK, thick)
    for column in range(columns + 1):
        x = left + column * (right - left) // columns
        cv2.line(page, (x, top), (x, top + rows * row_h), INK, thick)
    for column, title in enumerate(("Service", "Provider", "Days/week", "Since")):
        x = left + column * (right - left) // columns + int(unit)
        cv2.putText(page, title, (x, top + int(4 * unit)), FONT, scale * 0.85, INK, thick, cv2.LINE_AA)
