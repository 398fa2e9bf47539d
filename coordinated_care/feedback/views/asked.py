"""The workplace supervisor answering, signed in, the feedback their learner asked of them (issue 12,
item 10). Only the supervisor it is addressed to, while the enrolment names them, while it is open:
everyone else is told it does not exist."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms.answers import ColleagueAnswers
from ..models import FeedbackRequest
from ..questions import PUBLIC_FREE_TEXT_HINT


@require_http_methods(["GET", "POST"])
def answer(request, request_uuid):
    feedback_request = services.request_asked_of(request.user, request_uuid)
    # The public form's questions and guard; no spam checks: they are signed in.
    form = ColleagueAnswers(
        request.POST or None,
        allow_name=feedback_request.audience == FeedbackRequest.Audience.STAFF,
        allowed_names=[feedback_request.learner_name],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_asked(feedback_request, user=request.user, answers=form.answers())
        except services.LinkGone:
            messages.error(request, "This request has been used, withdrawn or has expired.")
        else:
            messages.success(request, f"Your feedback for {feedback_request.learner_name} has been sent.")
        return redirect("supervisor_home")
    context = {
        "page_title": "Give feedback",
        "feedback_request": feedback_request,
        "learner": feedback_request.enrolment.learner.display_name,
        "form": form,
        "free_text_hint": PUBLIC_FREE_TEXT_HINT,
    }
    return render(request, "feedback/asked.jinja", context)
