"""The only pages open without signing in: an invitation to sign a review. Before the code
e-mailed to the invitee is entered they show who asks and what kind of document, nothing of the
portfolio; after, the review to be signed and nothing else. Never cached or indexed. The site-wide
Referrer-Policy (same-origin) keeps the token in the address from reaching any other site; a stricter
no-referrer would make browsers send "Origin: null" with the forms, which CSRF rightly refuses."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import presenters
from ..forms import CodeForm, InvitationSignForm
from ..services import invitations as services
from ..services.reviews import StaleReview

SESSION_KEY = "assessments.verified_invitations"


def _private(view):
    """Anonymous, never cached, never indexed."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_not_required(never_cache(wrapped))


def _gone(request, gone):
    return render(
        request,
        "assessments/invitation_gone.jinja",
        {"page_title": "This link does not work", "state": gone.state},
        status=410 if gone.state in ("used", "expired", "cancelled") else 404,
    )


def _verified(request, invitation):
    return invitation.verified_at is not None and str(invitation.uuid) in request.session.get(SESSION_KEY, [])


@_private
def landing(request, token):
    try:
        invitation = services.find_invitation(token)
    except services.InvitationGone as gone:
        return _gone(request, gone)
    if _verified(request, invitation):
        return redirect("assessments:invitation_sign", token)
    error = None
    if request.method == "POST":
        try:
            services.send_code(invitation)
        except services.InvitationGone as gone:
            return _gone(request, gone)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            return redirect("assessments:invitation_code", token)
    return render(
        request,
        "assessments/invitation.jinja",
        {
            "page_title": "Sign a review",
            "inviter": invitation.created_by.display_name,
            "document": invitation.review.get_kind_display(),
            "name": invitation.name,
            "email": services.masked(invitation.email),
            "code_sent": invitation.codes_sent > 0,
            "error": error,
            "token": token,
        },
    )


@_private
def code(request, token):
    try:
        invitation = services.find_invitation(token)
    except services.InvitationGone as gone:
        return _gone(request, gone)
    if invitation.codes_sent == 0:
        return redirect("assessments:invitation", token)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ok = services.verify_code(invitation, form.cleaned_data["code"])
        except services.InvitationGone as gone:
            return _gone(request, gone)
        except ValidationError as refused:
            form.add_service_error(refused)
        else:
            if ok:
                request.session.cycle_key()
                request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), str(invitation.uuid)]
                return redirect("assessments:invitation_sign", token)
            invitation.refresh_from_db()
            left = services.attempts_left(invitation)
            form.add_error("code", f"The code is not right. You can try {left} more time{'s' if left != 1 else ''}.")
    return render(
        request,
        "assessments/invitation_code.jinja",
        {"page_title": "Enter your code", "form": form, "email": services.masked(invitation.email), "token": token},
    )


@_private
def sign(request, token):
    try:
        invitation = services.find_invitation(token)
    except services.InvitationGone as gone:
        return _gone(request, gone)
    if not _verified(request, invitation):
        return redirect("assessments:invitation", token)
    review = invitation.review
    review.enrolment = invitation.enrolment
    form = InvitationSignForm(request.POST or None, initial={"name": invitation.name, "version": review.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_by_invitation(
                invitation,
                name=data["name"],
                role=data["role"],
                registration=data["registration"],
                seen_version=data["version"],
            )
        except services.InvitationGone as gone:
            return _gone(request, gone)
        except StaleReview:
            form.add_error(None, "The review changed while you were reading it. Read it again, then sign.")
            review.refresh_from_db()
            form = InvitationSignForm(initial={**data, "version": review.version})
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", [str(error)])[0])
        else:
            verified = request.session.get(SESSION_KEY, [])
            request.session[SESSION_KEY] = [u for u in verified if u != str(invitation.uuid)]
            return redirect("assessments:invitation_done")
    signatures, invitations = presenters.reviews.load_signing(review)
    view = presenters.reviews.review_view(review, None, signatures, invitations)
    return render(
        request,
        "assessments/invitation_sign.jinja",
        {
            "page_title": f"Sign the {review.get_kind_display().lower()}",
            "form": form,
            "view": view,
            "learner": invitation.enrolment.learner.display_name,
            "held_on": review.held_on,
            "inviter": invitation.created_by.display_name,
            "token": token,
        },
    )


@_private
def done(request):
    return render(request, "assessments/invitation_done.jinja", {"page_title": "You have signed the review"})
