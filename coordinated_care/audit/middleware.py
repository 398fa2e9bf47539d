from .context import request_in_progress


class AuditActorMiddleware:
    """Makes the request known to the audit trail, so that changes made while answering it are
    recorded as done by its signed-in user. Placed after AuthenticationMiddleware; the user is
    only looked at when something is recorded, so pages that change nothing pay nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_in_progress(request):
            return self.get_response(request)
