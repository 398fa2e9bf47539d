"""The live check: the browser sends what the author has typed and gets back the findings to show
beside the field. The text is never logged, stored or echoed into an error report."""

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .service import scan

MAX_CHARACTERS = 20_000


def _rate_limited(user_id: int) -> bool:
    """A fixed window per user in the shared cache, so several app processes share one count."""
    limit = getattr(settings, "CONFIDENTIALITY_CHECKS_PER_MINUTE", 60)
    key = f"confidentiality:check:{user_id}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > limit


@sensitive_post_parameters("text")
@require_POST
def check(request):
    # Sign-in is enforced by LoginRequiredMiddleware; CSRF by CsrfViewMiddleware.
    if _rate_limited(request.user.pk):
        return JsonResponse({"error": "Too many checks. Wait a minute and try again."}, status=429)
    text = request.POST.get("text", "")
    if len(text) > MAX_CHARACTERS:
        return JsonResponse({"error": "The text is too long to check while typing."}, status=413)
    findings = scan(text)
    return JsonResponse({"findings": [f.as_dict(with_explanation=True) | {"text": f.text_in(text)} for f in findings]})
