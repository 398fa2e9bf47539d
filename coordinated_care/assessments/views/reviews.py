"""Reviews: the list for a portfolio, one review, writing it, signing it and inviting an
additional signatory."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import presenters
from ..forms import InviteForm, ReviewForm, SignReviewForm
from ..services import access, record_look
from ..services import invitations as invitation_services
from ..services import reviews as services
from ..services.review_kinds import FINAL_CHECKLIST, JOINT
from .lookups import invitation_for, review_for

CHECKLIST_LABELS = {f"checklist_{n}": text for n, text in enumerate(FINAL_CHECKLIST, start=1)}


def reviews(request, enrolment_uuid):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    record_look(request.user, enrolment)
    if request.method == "POST":
        try:
            review = services.create_review(enrolment=enrolment, kind=request.POST.get("kind", ""), user=request.user)
        except ValidationError as error:
            messages.warning(request, error.messages[0])
            return redirect("assessments:reviews", enrolment.uuid)
        return redirect("assessments:review_edit", review.uuid)
    context = presenters.reviews_page(enrolment, request.user)
    context.update(presenters.completion_panel(enrolment))
    return render(request, "assessments/reviews.jinja", context)


def review(request, review_uuid):
    review = review_for(request.user, review_uuid)
    record_look(request.user, review.enrolment)
    return render(request, "assessments/review.jinja", presenters.review_page(review, request.user))


def edit(request, review_uuid):
    review = review_for(request.user, review_uuid)
    fields = services.editable_fields(review, request.user)
    if not fields:
        raise PermissionDenied
    context = presenters.review_page(review, request.user)
    if not context["can_edit"]:
        messages.warning(request, "This review has been signed. Signatures must be withdrawn before it can change.")
        return redirect("assessments:review", review.uuid)
    can_date = JOINT in services.sides_of(request.user, review.enrolment)
    initial = {**review.content, "held_on": review.held_on, "version": review.version}
    form = ReviewForm(request.POST or None, initial=initial, fields=fields, can_date=can_date)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_review(
                review,
                user=request.user,
                seen_version=form.cleaned_data["version"],
                data=form.content(),
                held_on=form.cleaned_data.get("held_on"),
            )
        except services.StaleReview as stale:
            conflict = str(stale)
            context = presenters.review_page(stale.review, request.user)
            # The page now shows the review as saved by the other person; the form keeps what this
            # person typed, against the new version, so nothing they wrote is lost.
            data = request.POST.copy()
            data["version"] = stale.review.version
            form = ReviewForm(data, fields=fields, can_date=can_date)
            form.is_valid()
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Review saved.")
            return redirect("assessments:review", review.uuid)
    status = 409 if conflict else 200
    return render(
        request,
        "assessments/review_edit.jinja",
        {**context, "form": form, "fields": fields, "conflict": conflict, "checklist_labels": CHECKLIST_LABELS},
        status=status,
    )


def sign(request, review_uuid):
    review = review_for(request.user, review_uuid)
    if access.review_capacity(request.user, review.enrolment) is None:
        raise PermissionDenied
    context = presenters.review_page(review, request.user)
    form = SignReviewForm(request.POST or None, initial={"version": review.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_review(
                review,
                user=request.user,
                password=form.cleaned_data["password"],
                seen_version=form.cleaned_data["version"],
            )
        except services.StaleReview as stale:
            messages.warning(request, str(stale))
            return redirect("assessments:review", review.uuid)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"You have signed the {review.get_kind_display().lower()}.")
            return redirect("assessments:review", review.uuid)
    return render(request, "assessments/review_sign.jinja", {**context, "form": form})


def invite(request, review_uuid):
    review = review_for(request.user, review_uuid)
    enrolment = review.enrolment
    if not access.can_assess(request.user, enrolment):
        raise PermissionDenied
    initial = {"name": enrolment.additional_signatory_name, "email": enrolment.additional_signatory_email}
    form = InviteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_services.invite(
                review,
                user=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                url_for=lambda token: request.build_absolute_uri(invitation_services.invitation_path(token)),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"We have e-mailed {form.cleaned_data['name']} a link to sign the review.")
            return redirect("assessments:review", review.uuid)
    return render(
        request,
        "assessments/invite.jinja",
        {"page_title": "Invite an additional signatory", "form": form, "review": review, "learner": enrolment.learner},
    )


@require_POST
def cancel_invitation(request, invitation_uuid):
    invitation = invitation_for(request.user, invitation_uuid)
    invitation_services.cancel_invitation(invitation, user=request.user)
    messages.success(request, f"The invitation to {invitation.name} no longer works.")
    return redirect(reverse("assessments:review", args=[invitation.review.uuid]))
