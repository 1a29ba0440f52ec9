"""Procedure routes: card reads, and applications filled by the clerk, confirmed and signed by the citizen."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import Provide
from litestar.status_codes import HTTP_200_OK
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit import service as audit_service
from backend.audit.service import Actor
from backend.catalogue.models import Service
from backend.identity import auth
from backend.identity import models as identity
from backend.identity.auth import SignedIn
from backend.identity.service import provider_ids_of
from backend.problems import NotFound
from backend.procedures import applications, attachments, postal, receipts, schemas, service
from backend.procedures.models import Application, Attachment
from backend.settings import Settings
from backend.visits import service as visits


class KioskCardController(Controller):
    path = "/api/visits/{visit_id:str}/card-reads"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @post("/", summary="Hand over what the device bridge read from a My Number Card, to be checked")
    async def create(
        self,
        db: AsyncSession,
        settings: Settings,
        terminal: identity.Terminal,
        visit_id: str,
        data: schemas.CardReadCreate,
    ) -> schemas.CardRead:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        return await service.record_card_read(db, settings, visit, data, Actor("terminal", terminal.id))


class StaffCardController(Controller):
    path = "/api/staff/visits/{visit_id:str}/card-reads"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/", summary="Card reads of a visit I am handling, marked verified or not")
    async def index(
        self, db: AsyncSession, settings: Settings, signed_in: SignedIn, visit_id: str
    ) -> list[schemas.CardRead]:
        visit = await visits.assigned_visit(db, signed_in.user, visit_id)
        return await service.card_reads(db, settings, visit.id, _staff(signed_in), signed_in.user.role)


class PostalCodeController(Controller):
    """The clerk types a postal code; the form's address starts with what the code decides."""

    path = "/api/staff/postal-codes"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/{code:str}", summary="Prefecture, city and town of a postal code (Japan Post data)")
    async def lookup(self, signed_in: SignedIn, code: str) -> schemas.PostalAddress:
        return postal.lookup(code)


class StaffApplicationController(Controller):
    """The clerk fills the form during the call; the provider's staff review what was submitted."""

    path = "/api/staff"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @post("/visits/{visit_id:str}/application", status_code=HTTP_200_OK, summary="Open (or start) the visit's form")
    async def open(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> schemas.ApplicationView:
        visit = await visits.assigned_visit(db, signed_in.user, visit_id)
        return applications.view(await applications.open_for_visit(db, visit, _staff(signed_in)))

    @patch("/applications/{application_id:str}", summary="Change fields (kept as typed, even when not valid yet)")
    async def edit(
        self, db: AsyncSession, signed_in: SignedIn, application_id: str, data: schemas.ApplicationEdit
    ) -> schemas.ApplicationView:
        app = await _assigned_application(db, signed_in, application_id)
        await applications.edit(db, app, data, _staff(signed_in))
        return applications.view(app)

    @post("/applications/{application_id:str}/prefill", status_code=HTTP_200_OK, summary="Fill from the card read")
    async def prefill(
        self, db: AsyncSession, signed_in: SignedIn, application_id: str, data: schemas.Prefill
    ) -> schemas.ApplicationView:
        app = await _assigned_application(db, signed_in, application_id)
        await applications.prefill_from_card(db, app, data.card_read_id, _staff(signed_in))
        return applications.view(app)

    @post("/applications/{application_id:str}/submit", status_code=HTTP_200_OK, summary="Submit the signed form")
    async def submit(self, db: AsyncSession, signed_in: SignedIn, application_id: str) -> schemas.ApplicationView:
        app = await _assigned_application(db, signed_in, application_id)
        await applications.move(db, app, "submitted", "", _staff(signed_in))
        return applications.view(app)

    @get("/applications", summary="Submitted applications at my counters, oldest first")
    async def review_list(self, db: AsyncSession, signed_in: SignedIn) -> list[schemas.ApplicationView]:
        rows = await applications.review_list(db, await provider_ids_of(db, signed_in.user.id))
        return [applications.view(app) for app in rows]

    @post(
        "/applications/{application_id:str}/review", status_code=HTTP_200_OK, summary="In review, accepted or returned"
    )
    async def review(
        self, db: AsyncSession, signed_in: SignedIn, application_id: str, data: schemas.Review
    ) -> schemas.ApplicationView:
        app = await _provider_application(db, signed_in, application_id)
        await applications.move(db, app, data.status, data.reason, _staff(signed_in))
        return applications.view(app)


class KioskApplicationController(Controller):
    """The citizen sees the form as the clerk fills it, confirms each section and signs."""

    path = "/api/visits/{visit_id:str}/application"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @get("/", summary="The form as filled so far (read-only for the citizen)")
    async def show(self, db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> schemas.ApplicationView:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        return applications.view(await applications.of_visit(db, visit.id, _kiosk(terminal)))

    @post("/sections/{section_id:str}/confirm", status_code=HTTP_200_OK, summary="はい、このとおりです")
    async def confirm(
        self,
        db: AsyncSession,
        terminal: identity.Terminal,
        visit_id: str,
        section_id: str,
        data: schemas.SectionConfirm,
    ) -> schemas.ApplicationView:
        app = await _kiosk_application(db, terminal, visit_id)
        await applications.confirm_section(db, app, section_id, data.content_hash, _kiosk(terminal))
        return applications.view(app)

    @post("/sections/{section_id:str}/dispute", status_code=HTTP_200_OK, summary="ちがう / Not right")
    async def dispute(
        self, db: AsyncSession, terminal: identity.Terminal, visit_id: str, section_id: str
    ) -> schemas.ApplicationView:
        app = await _kiosk_application(db, terminal, visit_id)
        await applications.dispute_section(db, app, section_id, _kiosk(terminal))
        return applications.view(app)

    @put("/consent", summary="The citizen agrees (or not) that the card's data fills the form")
    async def consent(
        self, db: AsyncSession, terminal: identity.Terminal, visit_id: str, data: schemas.Consent
    ) -> schemas.ApplicationView:
        app = await _kiosk_application(db, terminal, visit_id)
        await applications.set_consent(db, app, data.card_prefill, _kiosk(terminal))
        return applications.view(app)

    @put("/signature", summary="The citizen's handwritten signature over what they saw")
    async def sign(
        self, db: AsyncSession, terminal: identity.Terminal, visit_id: str, data: schemas.Signature
    ) -> schemas.ApplicationView:
        app = await _kiosk_application(db, terminal, visit_id)
        await applications.sign(db, app, data, _kiosk(terminal))
        return applications.view(app)


def _staff(signed_in: SignedIn) -> Actor:
    return Actor("staff", signed_in.user.id)


def _kiosk(terminal: identity.Terminal) -> Actor:
    return Actor("terminal", terminal.id)


async def _assigned_application(db: AsyncSession, signed_in: SignedIn, application_id: str) -> Application:
    app = await db.get(Application, application_id)
    if app is None:
        raise NotFound("This application does not exist.")
    await visits.assigned_visit(db, signed_in.user, app.visit_id)  # only the clerk handling the visit
    return app


async def _provider_application(db: AsyncSession, signed_in: SignedIn, application_id: str) -> Application:
    app = await db.get(Application, application_id)
    service = await db.get(Service, app.service_id) if app else None
    if app is None or service is None or service.provider_id not in await provider_ids_of(db, signed_in.user.id):
        raise NotFound("This application is not at your counters.")
    return app


async def _kiosk_application(db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> Application:
    visit = await visits.terminal_visit(db, terminal, visit_id)
    return await applications.of_visit(db, visit.id, _kiosk(terminal))


class ReceiptController(Controller):
    """The citizen checks an application's status with the receipt number and their birth date."""

    path = "/api/receipts"
    tags = ("receipts",)

    @get("/{receipt_number:str}/status", summary="Status by receipt number + birth date (和暦 or 西暦)")
    async def status(self, db: AsyncSession, receipt_number: str, birth_date: str) -> schemas.ReceiptStatus:
        return await receipts.status(db, receipt_number, birth_date)


async def _pdf(db: AsyncSession, settings: Settings, app: Application, actor: Actor) -> Response[bytes]:
    title, counter = await receipts.title_and_counter(db, app)
    status_url = f"{settings.public_url}/kiosk/#/status?receipt={app.receipt_number}"  # the kiosk app's page
    pdf = receipts.receipt_pdf(app, title, counter, status_url)
    await audit_service.record(db, actor, "read", "receipt", app.id, app.visit_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="receipt-{app.receipt_number}.pdf"'},
    )


@get(
    "/api/visits/{visit_id:str}/application/receipt.pdf",
    tags=["kiosk"],
    dependencies={"terminal": Provide(auth.provide_terminal)},
)
async def kiosk_receipt_pdf(
    db: AsyncSession, settings: Settings, terminal: identity.Terminal, visit_id: str
) -> Response[bytes]:
    """The receipt, for the kiosk's printer or the citizen's own tablet."""
    app = await _kiosk_application(db, terminal, visit_id)
    return await _pdf(db, settings, app, _kiosk(terminal))


@get(
    "/api/staff/applications/{application_id:str}/receipt.pdf",
    tags=["staff"],
    dependencies={"signed_in": Provide(auth.provide_signed_in)},
)
async def staff_receipt_pdf(
    db: AsyncSession, settings: Settings, signed_in: SignedIn, application_id: str
) -> Response[bytes]:
    app = await _provider_application(db, signed_in, application_id)
    return await _pdf(db, settings, app, _staff(signed_in))


class KioskAttachmentController(Controller):
    """The kiosk uploads document stills (and, from a home tablet, photos or videos after consent)."""

    path = "/api/visits/{visit_id:str}/attachments"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @post("/", summary="Upload a still (straightened automatically) or a consented photo/video; raw body")
    async def upload(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        settings: Settings,
        terminal: identity.Terminal,
        visit_id: str,
        kind: str,
        consent: bool = False,
    ) -> list[schemas.AttachmentInfo]:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        media_type = request.headers.get("content-type", "").split(";")[0].strip()
        body = await request.body()
        return await attachments.add(db, settings, visit.id, kind, media_type, body, consent, _kiosk(terminal))

    @get("/", summary="This visit's attachments")
    async def index(self, db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> list[schemas.AttachmentInfo]:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        return await attachments.of_visit(db, visit.id)

    @get("/retention", summary="How long uploads are kept: the consent screen says it before anything is sent")
    async def retention(
        self, db: AsyncSession, settings: Settings, terminal: identity.Terminal, visit_id: str
    ) -> schemas.Retention:
        await visits.terminal_visit(db, terminal, visit_id)
        return attachments.retention(settings)

    @get("/{attachment_id:str}/content", summary="The image or video itself")
    async def content(
        self, db: AsyncSession, terminal: identity.Terminal, visit_id: str, attachment_id: str
    ) -> Response[bytes]:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        return _content(await attachments.content(db, visit.id, attachment_id, _kiosk(terminal)))


class StaffAttachmentController(Controller):
    path = "/api/staff/visits/{visit_id:str}/attachments"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/", summary="Attachments of a visit I am handling")
    async def index(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> list[schemas.AttachmentInfo]:
        visit = await visits.assigned_visit(db, signed_in.user, visit_id)
        return await attachments.of_visit(db, visit.id)

    @get("/{attachment_id:str}/content", summary="The image or video itself (audited)")
    async def content(
        self, db: AsyncSession, signed_in: SignedIn, visit_id: str, attachment_id: str
    ) -> Response[bytes]:
        visit = await visits.assigned_visit(db, signed_in.user, visit_id)
        return _content(await attachments.content(db, visit.id, attachment_id, _staff(signed_in)))


def _content(row: Attachment) -> Response[bytes]:
    # Personal images: the app's Cache-Control: no-store keeps them out of a kiosk's HTTP cache.
    return Response(row.content, media_type=row.media_type)
