import logging
import time

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware

__all__ = ["LoginRequiredMiddleware", "RequestLogMiddleware", "SecurityHeadersMiddleware"]

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
