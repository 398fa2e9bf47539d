import logging
import secrets
import sys
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

error_log = logging.getLogger("coordinated_care.errors")


@require_GET
@never_cache
@login_not_required
def healthz(request):
    """For load balancers and operators: is the process up and does the database answer?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@never_cache
@login_not_required
def healthz_live(request):
    """Liveness: the process answers requests, whatever its database is doing. Touches neither the
    database nor the session, so it is also the floor `make bench` measures the pages against."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def server_error(request):
    """handler500, called while the exception is being handled: it is logged once more under a short
    reference, and the page shows that reference (never a trace), so that a person can quote it and
    whoever looks after the service finds the exception. Rendered without the request, as Django's
    own page is: the error may be in anything the request touches."""
    reference = secrets.token_hex(4).upper()
    match = getattr(request, "resolver_match", None)
    error_log.error(
        "server error",
        exc_info=sys.exc_info(),
        extra={"reference": reference, "route": f"/{match.route}" if match is not None else "(unmatched)"},
    )
    return HttpResponse(loader.get_template("500.html").render({"reference": reference}), status=500)


@login_not_required
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form was sent after the session ended, or from a page too old. An NHS
    page, not Django's (whose inline styles the CSP refuses), sends the person to sign in again and
    back to the page they came from, where the browser offers their writing back. The reason is for
    the logs, not for the person."""
    sign_in_url = reverse("account_login")
    came_from = request.headers.get("Referer", "")
    if came_from and url_has_allowed_host_and_scheme(
        came_from, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(came_from)
        back = parts.path + (f"?{parts.query}" if parts.query else "")
        if back.startswith("/") and not back.startswith("//"):
            sign_in_url += "?" + urlencode({"next": back})
    return render(request, "403_csrf.html", {"sign_in_url": sign_in_url}, status=403)
