"""The learner's and their facilitator's feedback pages. Each view checks who may see or act
through the services first, changes nothing itself, and renders what a presenter gives it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from coordinated_care.core import ratelimit

from .. import presenters, services
from ..forms import CountersignForm, EvidenceForm, PaperColleagueForm, PaperPatientForm, RequestForm
from ..models import FeedbackRequest, FeedbackResponse, ResponseEvidenceLink
from ..questions import PUBLIC_FREE_TEXT_HINT, QUESTIONS

AUDIENCES = {
    "patient": FeedbackRequest.Audience.PATIENT,
    "staff": FeedbackRequest.Audience.STAFF,
    "key-person": FeedbackRequest.Audience.KEY_PERSON,
}


def _audience(slug):
    if slug not in AUDIENCES:
        raise Http404
    return AUDIENCES[slug]


def _response(enrolment, response_uuid):
    return get_object_or_404(
        FeedbackResponse.objects.select_related("countersignature", "transcribed_by"),
        enrolment=enrolment,
        uuid=response_uuid,
    )


def overview(request, enrolment_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    return render(request, "feedback/overview.jinja", presenters.overview_page(enrolment, request.user))


def requests(request, enrolment_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    return render(request, "feedback/requests.jinja", presenters.requests_page(enrolment, request.user))


def ask(request, enrolment_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    if not services.can_request_feedback(request.user, enrolment):
        raise PermissionDenied
    return render(request, "feedback/ask.jinja", {"page_title": "Ask for feedback", "enrolment": enrolment})


@require_http_methods(["GET", "POST"])
def new_request(request, enrolment_uuid, audience):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    audience = _audience(audience)
    if not services.can_request_feedback(request.user, enrolment):
        raise PermissionDenied
    initial = {
        "learner_name": services.default_learner_name(enrolment),
        "valid_days": services.default_valid_days(),
    }
    # The learner may address a colleague's link to the workplace supervisor their enrolment names.
    supervisor = services.supervisor_to_ask(enrolment, audience) if request.user.pk == enrolment.learner_id else None
    form = RequestForm(request.POST or None, audience=audience, supervisor=supervisor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        to_supervisor = bool(data.get("to_supervisor"))
        issued = services.create_requests(
            enrolment=enrolment,
            audience=audience,
            user=request.user,
            count=data.get("count", 1),
            valid_days=data["valid_days"],
            learner_name=data["learner_name"],
            to_supervisor=to_supervisor,
        )
        context = presenters.card_page(request, enrolment, issued, data["layout"])
        email = supervisor.email if to_supervisor else data.get("email")
        if email:
            services.email_link(issued[0], to=email, url=context["cards"][0]["url"])
        if to_supervisor:
            context["asked_supervisor"] = supervisor.display_name
        elif email:
            context["emailed_to"] = email
        # Rendered, not redirected: the tokens exist only in this response (ADR 8).
        return render(request, "feedback/cards.jinja", context)
    context = {
        "page_title": f"Ask for feedback: {FeedbackRequest.Audience(audience).label.lower()}",
        "enrolment": enrolment,
        "audience": audience,
        "form": form,
    }
    return render(request, "feedback/new_request.jinja", context)


@require_POST
def reissue_request(request, enrolment_uuid, request_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    feedback_request = get_object_or_404(FeedbackRequest, enrolment=enrolment, uuid=request_uuid)
    try:
        issued = services.reissue(feedback_request, user=request.user)
    except services.LinkGone:
        messages.error(request, "That link has been used or withdrawn, so it cannot be printed again.")
        return redirect("feedback:requests", enrolment.uuid)
    layout = request.POST.get("layout") if request.POST.get("layout") in ("card", "sheet") else "card"
    return render(request, "feedback/cards.jinja", presenters.card_page(request, enrolment, [issued], layout))


@require_POST
def withdraw_request(request, enrolment_uuid, request_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    feedback_request = get_object_or_404(FeedbackRequest, enrolment=enrolment, uuid=request_uuid)
    services.withdraw(feedback_request, user=request.user)
    messages.success(request, "The link has been withdrawn. It will not work any more.")
    return redirect("feedback:requests", enrolment.uuid)


@require_http_methods(["GET", "POST"])
def response_detail(request, enrolment_uuid, response_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    response = _response(enrolment, response_uuid)
    form = None
    if services.can_link_evidence(request.user, enrolment):
        form = EvidenceForm(request.POST or None, criteria=enrolment.cohort.programme.criteria.all())
        if request.method == "POST" and form.is_valid():
            services.link_evidence(
                response,
                criterion=form.cleaned_data["criterion"],
                how_it_shows=form.cleaned_data["how_it_shows"],
                user=request.user,
            )
            messages.success(request, "The feedback is linked as evidence.")
            return redirect("feedback:response", enrolment.uuid, response.uuid)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "feedback/response.jinja", presenters.response_page(response, request.user, form))


@require_POST
def unlink_evidence(request, enrolment_uuid, response_uuid, link_id):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    response = _response(enrolment, response_uuid)
    link = get_object_or_404(ResponseEvidenceLink, response=response, pk=link_id)
    services.unlink_evidence(link, user=request.user)
    messages.success(request, "The evidence link has been removed.")
    return redirect("feedback:response", enrolment.uuid, response.uuid)


@require_http_methods(["GET", "POST"])
def paper(request, enrolment_uuid, audience):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    audience = _audience(audience)
    if not services.can_transcribe(request.user, enrolment):
        raise PermissionDenied
    if audience == FeedbackRequest.Audience.PATIENT:
        form = PaperPatientForm(request.POST or None)
    else:
        allow_name = audience == FeedbackRequest.Audience.STAFF
        form = PaperColleagueForm(request.POST or None, allow_name=allow_name)
    if request.method == "POST" and form.is_valid():
        response = services.transcribe(
            enrolment=enrolment,
            audience=audience,
            answers=form.answers(),
            received_on=form.cleaned_data["received_on"],
            user=request.user,
        )
        messages.success(request, "The paper form is typed in. Your practice-based facilitator can now countersign it.")
        return redirect("feedback:response", enrolment.uuid, response.uuid)
    context = {
        "page_title": "Type in a paper form",
        "enrolment": enrolment,
        "audience": audience,
        "form": form,
        "questions": QUESTIONS,
        "free_text_hint": PUBLIC_FREE_TEXT_HINT,
    }
    return render(request, "feedback/paper.jinja", context)


@require_http_methods(["GET", "POST"])
def countersign(request, enrolment_uuid, response_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    response = _response(enrolment, response_uuid)
    if not services.can_countersign(request.user, response) or hasattr(response, "countersignature"):
        raise PermissionDenied
    form = CountersignForm(request.POST or None, user=request.user)
    if request.method == "POST":
        try:
            ratelimit.hit("feedback.countersign", request.user.pk, settings.FEEDBACK_RATE_LIMITS["countersign"])
        except ratelimit.Limited:
            form.is_valid()
            form.add_error(None, "Too many attempts. Wait 15 minutes, then try again.")
        else:
            if form.is_valid():
                try:
                    services.countersign(response, user=request.user)
                except ValidationError as error:
                    messages.error(request, error.messages[0])
                else:
                    messages.success(request, "You have countersigned the transcription.")
                return redirect("feedback:response", enrolment.uuid, response.uuid)
    context = presenters.response_page(response, request.user)
    context.update({"page_title": "Countersign a transcription", "form": form})
    return render(request, "feedback/countersign.jinja", context)


@require_POST
def delete_response(request, enrolment_uuid, response_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    response = _response(enrolment, response_uuid)
    try:
        services.delete_transcription(response, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("feedback:response", enrolment.uuid, response.uuid)
    messages.success(request, "The transcription has been removed.")
    return redirect("feedback:overview", enrolment.uuid)
