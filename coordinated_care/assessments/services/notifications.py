"""E-mails about sign-off, sent through the `send_email` task once the change is committed, so a
change that is rolled back sends nothing. They name the learner and the criterion, never the
evidence itself.

Evidence linked to a criterion that is waiting for sign-off is caught by a `post_save` receiver on
`portfolios.EvidenceLink`: the portfolio's services need not know about sign-off."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from coordinated_care.core import outbox
from coordinated_care.core.tasks import send_email
from coordinated_care.portfolios.models import EvidenceLink

from ..models import SignOffRequest


def absolute(path, base_url=""):
    """A link for an e-mail: the site's address as the view saw it (or SITE_URL) and the path."""
    base = base_url or settings.SITE_URL
    return f"{base.rstrip('/')}{path}"


def _send(to, subject, body):
    if to:
        outbox.enqueue(send_email, to=[to], subject=subject, body=body)


def sign_off_requested(request, *, base_url=""):
    enrolment = request.enrolment
    learner = enrolment.learner.display_name
    criterion = request.criterion
    link = absolute(reverse("assessments:request", args=[request.uuid]), base_url)
    _send(
        enrolment.facilitator.email,
        f"Sign-off requested: {criterion.code} for {learner}",
        f"{learner} has asked you to assess {criterion.code} {criterion.title}.\n\n"
        f"Read the evidence they put forward and record your decision:\n{link}\n\n"
        f"Everything waiting for you is on your caseload:\n{absolute(reverse('assessments:caseload'), base_url)}\n",
    )


def _decided_by(assessment):
    """Who signed the decision: the facilitator, or their delegate on their behalf (ADR 16)."""
    signature = getattr(assessment, "signature", None)
    if signature is not None and signature.on_behalf_of_id:
        return f"{signature.signer_name}, on behalf of {signature.on_behalf_of_name},"
    return assessment.enrolment.facilitator.display_name


def decision_recorded(assessment, *, base_url=""):
    enrolment = assessment.enrolment
    criterion = assessment.criterion
    link = absolute(reverse("assessments:request", args=[assessment.request.uuid]), base_url)
    _send(
        enrolment.learner.email,
        f"{criterion.code}: {assessment.get_outcome_display().lower()}",
        f"{_decided_by(assessment)} has assessed {criterion.code} {criterion.title}: "
        f"{assessment.get_outcome_display().lower()}.\n\nRead their comments:\n{link}\n",
    )


def signed_on_behalf(signature, delegation, *, base_url=""):
    """Tell the facilitator what their delegate signed for them (ADR 16)."""
    enrolment = signature.enrolment
    learner = enrolment.learner.display_name
    what = signature.get_meaning_display().lower()
    if signature.assessment_id:
        criterion = signature.assessment.criterion
        what = f"{criterion.code} {criterion.title}: {what}"
    elif signature.review_id:
        what = f"the {signature.review.get_kind_display().lower()}"
    _send(
        delegation.facilitator.email,
        f"Signed on your behalf for {learner}",
        f"{signature.signer_name} signed for {learner} on your behalf, while you are away:\n{what}.\n\n"
        f"What was done on your behalf is on your caseload:\n{absolute(reverse('assessments:caseload'), base_url)}\n",
    )


def invitation_sent(invitation, *, url):
    review = invitation.review
    inviter = invitation.created_by.display_name
    _send(
        invitation.email,
        f"Please sign a learner's {review.get_kind_display().lower()}",
        f"Dear {invitation.name},\n\n{inviter}, practice-based facilitator, asks you to sign the "
        f"{review.get_kind_display().lower()} of a learner's portfolio as its additional signatory. "
        f"You do not need an account.\n\nOpen this link:\n{url}\n\nWe will e-mail you a code to enter before you "
        "sign. The link works once, for 7 days. If you were not expecting this, you can ignore it.\n",
    )


def invitation_code(invitation, code):
    _send(
        invitation.email,
        "Your code to sign the review",
        f"Your code is {code}\n\nEnter it on the page you have open. It works for 15 minutes. "
        "If you did not ask for a code, you can ignore this e-mail.\n",
    )


def evidence_added_while_waiting(link):
    enrolment = link.entry.enrolment
    request = (
        SignOffRequest.objects.filter(
            enrolment=enrolment, criterion=link.criterion_id, status=SignOffRequest.Status.OPEN
        )
        .select_related("criterion", "enrolment__facilitator", "enrolment__learner")
        .first()
    )
    if request is None:
        return
    learner = enrolment.learner.display_name
    criterion = request.criterion
    _send(
        request.enrolment.facilitator.email,
        f"New evidence for {criterion.code} from {learner}",
        f"{learner} has linked new evidence to {criterion.code} {criterion.title}, which is waiting for "
        f"your sign-off:\n{absolute(reverse('assessments:request', args=[request.uuid]))}\n",
    )


@receiver(post_save, sender=EvidenceLink, dispatch_uid="assessments.evidence_added_while_waiting")
def _on_evidence_linked(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        evidence_added_while_waiting(instance)
