"""Receipts: the number the citizen takes home, a large-print PDF with a QR code, and the status check
(receipt number + birth date, so a lost receipt alone tells a stranger nothing)."""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import models as catalogue
from backend.catalogue.schemas import Localized
from backend.problems import DomainError, NotFound
from backend.procedures import applications, forms, models, schemas
from backend.procedures.wareki import DateError, parse_date, to_wareki

# Gothic for legibility; IPAmj Mincho covers the rare characters of names (𠮷, 髙, …) Gothic lacks.
FONT_FILES = {"Gothic": "ipaexg.ttf", "Rare": "ipamjm.ttf"}
FONT_PACKAGES = "fonts-ipaexfont-gothic fonts-ipamj-mincho"
FONT_ROOT = Path("/usr/share/fonts")


class FontsMissing(DomainError):
    status = 503
    slug = "fonts-missing"
    title = "Receipts cannot be printed on this server yet"


@lru_cache(maxsize=1)
def _fonts() -> dict[str, TTFont]:
    found = {}
    for name, filename in FONT_FILES.items():
        path = next(FONT_ROOT.rglob(filename), None)
        if path is None:
            raise FontsMissing(f"Japanese fonts are not installed: apt-get install {FONT_PACKAGES}")
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        found[name] = font
    return found


def _runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font, piece) so every character is drawn by a font that has it."""
    fonts = _fonts()
    runs: list[tuple[str, str]] = []
    for ch in text:
        name = "Gothic" if ord(ch) in fonts["Gothic"].face.charToGlyph else "Rare"
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def _text(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    for name, piece in _runs(text):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, name, size)


def _shown(spec: forms.FieldSpec, value: str) -> str:
    if spec.kind == "date":
        try:
            return to_wareki(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if spec.kind == "attachment":
        return "添付あり（撮影した書類）"
    if spec.kind in ("choice", "yes_no"):
        labels = {c.value: c.label.ja for c in spec.choices} | {"yes": "はい", "no": "いいえ"}
        return labels.get(value, value)
    return value


def receipt_pdf(app: models.Application, title: Localized, counter: Localized, status_url: str) -> bytes:
    """A4, large print: what was applied for, when, the receipt number, a summary, and a QR code."""
    if app.receipt_number is None or app.submitted_at is None:
        raise NotFound("This application has not been submitted, so it has no receipt yet.")
    form = applications.form_of(app)
    cleaned, _ = forms.validate(form, app.values, complete=False)  # printed as the form prints it
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    canvas.setTitle(f"受付票 {app.receipt_number}")
    y = height - 30 * mm
    _text(canvas, 20 * mm, y, "受付票（控え）", 26)
    y -= 16 * mm
    _text(canvas, 20 * mm, y, f"受付番号　{app.receipt_number}", 22)
    y -= 11 * mm
    _text(canvas, 20 * mm, y, f"受付日　{to_wareki(app.submitted_at.date())}", 16)
    y -= 9 * mm
    _text(canvas, 20 * mm, y, f"窓口　{counter.ja}", 16)
    y -= 9 * mm
    _text(canvas, 20 * mm, y, f"申請　{title.ja}", 16)
    y -= 14 * mm
    for section in form.sections:
        _text(canvas, 20 * mm, y, f"■ {section.title.ja}", 16)
        y -= 9 * mm
        for spec in section.fields:
            value = cleaned.get(spec.id, "")
            if not value:
                continue
            _text(canvas, 26 * mm, y, f"{spec.label.ja}：{_shown(spec, value)}", 14)
            y -= 8 * mm
            if y < 60 * mm:
                canvas.showPage()
                y = height - 25 * mm
        y -= 3 * mm
    qr = QrCodeWidget(status_url)
    bounds = qr.getBounds()
    size = 40 * mm
    drawing = Drawing(
        size, size, transform=[size / (bounds[2] - bounds[0]), 0, 0, size / (bounds[3] - bounds[1]), 0, 0]
    )
    drawing.add(qr)
    renderPDF.draw(drawing, canvas, width - 20 * mm - size, 15 * mm)
    _text(canvas, 20 * mm, 32 * mm, "申請の状況は、受付番号と生年月日で確かめられます。", 13)
    _text(canvas, 20 * mm, 24 * mm, "右のQRコードを読むか、窓口でお聞きください。", 13)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


async def title_and_counter(db: AsyncSession, app: models.Application) -> tuple[Localized, Localized]:
    service = await db.get(catalogue.Service, app.service_id)
    assert service is not None
    provider = await db.get(catalogue.Provider, service.provider_id)
    assert provider is not None
    return Localized(**service.name), Localized(**provider.name)


async def status(db: AsyncSession, receipt_number: str, birth_date: str) -> schemas.ReceiptStatus:
    """Both must match; a wrong number and a wrong birth date get the same answer."""
    not_found = NotFound("No application matches this receipt number and birth date.")
    try:
        born = parse_date(birth_date).isoformat()
    except DateError:
        raise not_found from None
    app = (await db.exec(select(models.Application).where(models.Application.receipt_number == receipt_number))).first()
    if app is None or _birth_date(app) != born:
        raise not_found
    title, _ = await title_and_counter(db, app)
    return schemas.ReceiptStatus(
        receipt_number=receipt_number,
        title=title,
        status=app.status,  # type: ignore[arg-type]
        return_reason=app.return_reason,
        submitted_at=app.submitted_at,
    )


def _birth_date(app: models.Application) -> str | None:
    raw = app.values.get("birth_date")
    try:
        return parse_date(raw).isoformat() if raw else None
    except DateError:
        return None
