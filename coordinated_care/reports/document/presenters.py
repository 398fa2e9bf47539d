"""What the pages of the portfolio PDF and of /verify/ show."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates

from ..models import PortfolioExport
from . import services

# A PDF takes seconds; one not made after this long waits on a queue that is not being worked.
STALLED_AFTER = datetime.timedelta(minutes=10)


def export_row(enrolment, export):
    return {
        "export": export,
        "requested": dates.datetime(export.requested_at),
        "status": export.get_status_display(),
        "href": reverse("portfolio_pdf_progress", args=[enrolment.uuid, export.uuid]),
        "download_href": reverse("portfolio_pdf_download", args=[enrolment.uuid, export.uuid])
        if export.status == PortfolioExport.Status.DONE
        else "",
    }


def start_page(enrolment, user):
    return {
        "page_title": "Download the portfolio as a PDF",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "own": user.pk == enrolment.learner_id,
        "earlier": [export_row(enrolment, e) for e in services.recent_exports(enrolment, user)],
    }


def progress_page(enrolment, export):
    return {
        "page_title": "Your PDF is ready" if export.status == PortfolioExport.Status.DONE else "Making your PDF",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "export": export,
        "row": export_row(enrolment, export),
        "poll_href": reverse("portfolio_pdf_progress", args=[enrolment.uuid, export.uuid]),
        "size_kb": round((export.size or 0) / 1024),
        "stalled": not export.finished and export.requested_at < timezone.now() - STALLED_AFTER,
    }


def verification_page(verification, form):
    """Who asked for it, whose portfolio, when it was made and whether it has changed since:
    nothing of the portfolio's content."""
    export = verification.export if verification else None
    return {
        "page_title": "Check a portfolio PDF",
        "form": form,
        "verification": verification,
        "facts": [
            ("Verification code", export.display_code),
            ("Portfolio of", export.enrolment.learner.display_name),
            ("Made on", dates.datetime(export.generated_at)),
            ("Asked for by", export.requested_by_name),
        ]
        if export is not None
        else [],
    }
