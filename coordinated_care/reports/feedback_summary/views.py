"""The patient feedback summary's signing page: read by whoever may read the portfolio; signed by
the learner and their facilitator (or delegate), each with their password."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coordinated_care.assessments.forms.feedback_summaries import SignSummaryForm
from coordinated_care.assessments.services import feedback_summaries as signing
from coordinated_care.programmes.services import readable_enrolment

from . import presenters
from .summaries import summary_data


@require_http_methods(["GET", "POST"])
def feedback_summary(request, enrolment_uuid):
    enrolment = readable_enrolment(request.user, enrolment_uuid)
    summary = summary_data(enrolment)
    form = None
    if request.method == "POST":
        if signing.signing_capacity(request.user, enrolment) is None:
            raise PermissionDenied("Only the learner and their facilitator sign the patient feedback summary.")
        form = SignSummaryForm(request.POST)
        if form.is_valid():
            try:
                signing.sign_summary(
                    enrolment,
                    user=request.user,
                    password=form.cleaned_data["password"],
                    summary=summary,
                    seen_hash=form.cleaned_data["summary_hash"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return redirect("feedback_summary", enrolment.uuid)
    # The page shows, and its form carries the hash of, the summary as it is now.
    context = presenters.page(enrolment, request.user, summary, form)
    return render(request, "reports/feedback_summary/sign.jinja", context, status=400 if form is not None else 200)
