"""The live check: the browser sends what the author has typed and gets back the findings to show
beside the field. The text is never logged, stored or echoed into an error report."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from coordinated_care.core import ratelimit

from . import colleagues
from .findings import Action
from .service import scan

MAX_CHARACTERS = 20_000


@sensitive_post_parameters("text")
@require_POST
def check(request):
    # Sign-in is enforced by LoginRequiredMiddleware; CSRF by CsrfViewMiddleware.
    try:
        # Per person, not per address: a practice's staff share one.
        ratelimit.hit("confidentiality.check", request.user.pk, (settings.CONFIDENTIALITY_CHECKS_PER_MINUTE, 60))
    except ratelimit.Limited:
        return JsonResponse({"error": "Too many checks. Wait a minute and try again."}, status=429)
    text = request.POST.get("text", "")
    if len(text) > MAX_CHARACTERS:
        return JsonResponse({"error": "The text is too long to check while typing."}, status=413)
    return JsonResponse({"findings": [_shown(f, text) for f in scan(text)]})


def _shown(finding, text) -> dict:
    shown = finding.as_dict(with_explanation=True) | {"text": finding.text_in(text)}
    if finding.type == "PERSON" and finding.action == Action.CONFIRM:
        # The form will refuse this name whatever is ticked: say so while the author types.
        refusal = colleagues.refusal(text, finding.start, finding.end)
        if refusal:
            shown["not_a_colleague"] = refusal.message
    return shown
