"""The portfolio as a PDF: asked for by someone who may read the portfolio, made in the
background, collected from a page that follows its progress; and /verify/, open to anyone, where
a copy's code (and file) are checked."""

import functools

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from coordinated_care.core import ratelimit
from coordinated_care.programmes.services import readable_enrolment

from ..models import PortfolioExport
from . import presenters, services
from .forms import VerifyForm

# Checks of /verify/ per address and window (requests, seconds): plenty for a person checking a
# few copies, too few to try codes in bulk (32^12 of them).
VERIFY_RATE_LIMIT = (30, 600)


@require_http_methods(["GET", "POST"])
def portfolio_pdf(request, enrolment_uuid):
    enrolment = readable_enrolment(request.user, enrolment_uuid)
    if request.method == "POST":
        export = services.request_export(enrolment, request.user)
        return redirect("portfolio_pdf_progress", enrolment.uuid, export.uuid)
    return render(request, "reports/document/start.jinja", presenters.start_page(enrolment, request.user))


def _own_export(request, enrolment_uuid, export_uuid):
    enrolment = readable_enrolment(request.user, enrolment_uuid)
    export = services.export_in(enrolment, export_uuid, request.user)
    if export is None:
        raise Http404("No such PDF of this portfolio.")
    return enrolment, export


@require_GET
def portfolio_pdf_progress(request, enrolment_uuid, export_uuid):
    enrolment, export = _own_export(request, enrolment_uuid, export_uuid)
    context = presenters.progress_page(enrolment, export)
    # htmx asks for the status alone, every two seconds until the PDF is ready or has failed.
    template = (
        "reports/document/_status.jinja" if request.headers.get("HX-Request") else "reports/document/progress.jinja"
    )
    return render(request, template, context)


@require_GET
def portfolio_pdf_download(request, enrolment_uuid, export_uuid):
    enrolment, export = _own_export(request, enrolment_uuid, export_uuid)
    if export.status != PortfolioExport.Status.DONE:
        raise Http404("This PDF is not ready.")
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=f"portfolio-{export.display_code}.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def public_page(view):
    """No sign-in, never cached, not indexed, and rate-limited per address."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            ratelimit.hit("reports.verify", ratelimit.client_address(request), VERIFY_RATE_LIMIT)
        except ratelimit.Limited as limited:
            response = render(request, "reports/document/too_many.jinja", {"page_title": "Please wait"}, status=429)
            response["Retry-After"] = str(limited.retry_after)
        else:
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return login_not_required(never_cache(wrapped))


@public_page
@require_http_methods(["GET", "POST"])
def verify(request):
    verification = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
    else:
        form = VerifyForm(request.GET) if "code" in request.GET else VerifyForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data.get("file")
        verification = services.verify(code=form.cleaned_data["code"], data=upload.read() if upload else None)
    return render(request, "reports/document/verify.jinja", presenters.verification_page(verification, form))
