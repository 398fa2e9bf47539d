"""The pages a patient, carer, member of staff or key person opens from a link or a QR code.

No sign-in, no session, nothing logged: the link's token is looked up by its hash, every visit is
counted against limits per address and per link, and answers are only ever written to the
response they belong to."""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordinated_care.core import ratelimit

from .. import services
from ..forms import ColleagueAnswersForm, ConsentForm, PatientAnswersForm
from ..models import FeedbackRequest
from ..questions import CONSENT_INTRO, CONSENT_POINTS, PUBLIC_FREE_TEXT_HINT, QUESTIONS

GONE_STATUS = 410

# Why answers were not taken, said plainly and without blaming anyone: the answers are still on
# the page, and sending them again works.
NOT_SENT = {
    "too_fast": (
        "Your feedback has not been sent yet. To stop computer programs sending feedback, we only "
        "take a form a few seconds after it was opened, and yours came back quicker than that. Your "
        "answers are still here: select ‘Send feedback’ again to send them."
    ),
    "stale": (
        "Your feedback has not been sent yet, because the form was open for a long time (or was "
        "opened on another page). Your answers are still here: select ‘Send feedback’ again to send them."
    ),
}


def _quiet(response):
    # Django logs every 4xx with its path, and these paths carry a token: the page says what
    # happened, nothing needs to be written down about it.
    response._has_been_logged = True
    return response


def public_page(view):
    """No sign-in, never cached, not indexed, and rate-limited per address and per link."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            limits = settings.FEEDBACK_RATE_LIMITS
            ratelimit.hit("feedback.address", ratelimit.client_address(request), limits["address"])
            if "token" in kwargs:
                ratelimit.hit("feedback.token", kwargs["token"], limits["token"])
        except ratelimit.Limited as limited:
            response = render(request, "feedback/public/too_many.jinja", {"page_title": "Please wait"}, status=429)
            response["Retry-After"] = str(limited.retry_after)
        else:
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        if response.status_code >= 400:
            _quiet(response)
        return response

    return login_not_required(never_cache(wrapped))


def _link_problem(request, status):
    """A link that is not right, or no longer works, said plainly."""
    context = {"page_title": "This link does not work", "status": status}
    code = 404 if status == "unknown" else GONE_STATUS
    return render(request, "feedback/public/gone.jinja", context, status=code)


def _open_request(request, token):
    """(request, None) for a link that works, or (None, the page to show instead)."""
    feedback_request = services.find_request(token)
    if feedback_request is None:
        return None, _link_problem(request, "unknown")
    try:
        services.check_open(feedback_request)
    except services.LinkGone as gone:
        return None, _link_problem(request, gone.status)
    if request.user.is_authenticated and request.user.pk == feedback_request.enrolment.learner_id:
        page = render(request, "feedback/public/own_link.jinja", {"page_title": "This link is for someone else"})
        return None, page
    return feedback_request, None


def _answers_form(feedback_request, data=None):
    common = {"request_pk": feedback_request.pk, "allowed_names": [feedback_request.learner_name]}
    if feedback_request.audience == FeedbackRequest.Audience.PATIENT:
        return PatientAnswersForm(data, **common)
    return ColleagueAnswersForm(data, allow_name=feedback_request.audience == FeedbackRequest.Audience.STAFF, **common)


def _render_answers(request, token, feedback_request, form, notice=""):
    context = {
        "page_title": "Your feedback",
        "token": token,
        "feedback_request": feedback_request,
        "form": form,
        "questions": QUESTIONS,
        "free_text_hint": PUBLIC_FREE_TEXT_HINT,
        "notice": notice,
    }
    template = (
        "feedback/public/patient_form.jinja"
        if feedback_request.audience == FeedbackRequest.Audience.PATIENT
        else "feedback/public/colleague_form.jinja"
    )
    return render(request, template, context)


@public_page
@require_http_methods(["GET", "POST"])
def respond(request, token):
    """Consent first. "No" goes to a page that thanks them, and nothing at all is recorded."""
    feedback_request, problem = _open_request(request, token)
    if problem:
        return problem
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["consent"] == "no":
            return redirect("feedback:declined")
        return _render_answers(request, token, feedback_request, _answers_form(feedback_request))
    context = {
        "page_title": "Give feedback on a care coordinator",
        "feedback_request": feedback_request,
        "form": form,
        "consent_intro": CONSENT_INTRO,
        "consent_points": CONSENT_POINTS,
        "is_patient": feedback_request.audience == FeedbackRequest.Audience.PATIENT,
    }
    return render(request, "feedback/public/consent.jinja", context)


@public_page
@require_POST
def answer(request, token):
    feedback_request, problem = _open_request(request, token)
    if problem:
        return problem
    form = _answers_form(feedback_request, request.POST)
    verdict = form.verdict()
    if verdict == "honeypot":
        # Answered as if it worked, so a script learns nothing; nothing is stored.
        return redirect("feedback:thanks")
    if verdict:
        form.is_valid()
        if verdict == "stale":
            form.fresh_stamp()
        # Too quick: the note of when the form was first shown is kept, so sending the same
        # answers again a moment later is taken, not refused once more.
        return _render_answers(request, token, feedback_request, form, notice=NOT_SENT[verdict])
    if not form.is_valid():
        return _render_answers(request, token, feedback_request, form)
    try:
        services.submit_response(feedback_request, answers=form.answers())
    except services.LinkGone as gone:
        return _link_problem(request, gone.status)
    return redirect("feedback:thanks")


@public_page
@require_GET
def thanks(request):
    return render(request, "feedback/public/thanks.jinja", {"page_title": "Thank you for your feedback"})


@public_page
@require_GET
def declined(request):
    return render(request, "feedback/public/declined.jinja", {"page_title": "Thank you"})
