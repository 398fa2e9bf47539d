import logging
import time

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.shortcuts import render

from .files import max_upload_bytes

__all__ = [
    "LoginRequiredMiddleware",
    "RequestLogMiddleware",
    "RequestSizeMiddleware",
    "SecurityHeadersMiddleware",
]

request_log = logging.getLogger("coordinated_care.requests")


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs sign-in unless its view is marked @login_not_required.

    Django's own middleware, kept here so that the policy has one name in settings; the
    admin has its own sign-in page and is left to it.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/admin/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself. Pages that carry portfolio content are never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "no-store")
        return response


class RequestLogMiddleware:
    """One log line a request, naming the URL pattern and never the path: paths carry feedback and
    invitation tokens and portfolio identifiers, and the query string can carry search words."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "route": f"/{match.route}" if match is not None else "(unmatched)",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


def largest_request_bytes():
    """The largest body a request may send: one upload of the largest size allowed and the form's
    other fields (DATA_UPLOAD_MAX_MEMORY_SIZE bounds those on their own)."""
    return max_upload_bytes() + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeMiddleware:
    """A body larger than any form of the service takes is refused from its Content-Length, before
    a byte of it is read or written to disk, with a page that says what the limit is. Django bounds
    the form fields itself (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams a file of any size to disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > largest_request_bytes():
            context = {"limit_mb": max(1, max_upload_bytes() // (1024 * 1024))}
            response = render(request, "413.html", context, status=413)
            # The body was never read: the connection cannot carry another request.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
