"""Autosave: the learner's unsaved writing, sent by the browser every few seconds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coordinated_care.core import ratelimit

from .. import access, drafts, services


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def draft(request, enrolment_uuid):
    """Keep (or with `discard`, forget) the draft of one form. Answers JSON to the script and
    sends a browser without it back to the form."""
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    try:
        # A browser saves every few seconds; a script saving in a loop is stopped before the guard scans.
        ratelimit.hit("portfolio.draft", request.user.pk, (settings.PORTFOLIO_DRAFTS_PER_MINUTE, 60))
    except ratelimit.Limited as limited:
        message = "Too many saves: your writing is kept on this device. Saving starts again in a minute."
        response = (
            JsonResponse({"error": message, "kept": False, "reason": "limited"}, status=429)
            if _wants_json(request)
            else HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    key = request.POST.get("key", "")
    try:
        drafts.check_key(enrolment, key)
        if request.POST.get("discard"):
            services.discard_draft(user=request.user, key=key)
            saved = None
        else:
            saved = drafts.keep(enrolment, user=request.user, key=key, data=drafts.writing_from(request.POST))
    except drafts.IdentifierInDraft as error:
        # Not kept on the server (and any earlier copy forgotten); the browser keeps its own.
        if _wants_json(request):
            return JsonResponse({"error": " ".join(error.messages), "kept": False, "reason": "identifier"}, status=422)
        return HttpResponse(" ".join(error.messages), status=422, content_type="text/plain; charset=utf-8")
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return HttpResponseBadRequest(" ".join(error.messages))
    if _wants_json(request):
        return JsonResponse({"saved_at": saved.updated_at.isoformat() if saved else None})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("portfolios:overview", args=[enrolment.uuid])
    return redirect(back)
