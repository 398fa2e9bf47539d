"""The models of other apps whose every create, change and delete the audit trail records.

Kept here, not in each app, so that no app's files change to be audited and the list can be read
in one place. Called from AuditConfig.ready(), once every model is loaded. Labels are chosen to
cost no query (they run on every save) and never to name a patient.

Not recorded, on purpose:
- portfolios.Draft: scratch, deleted when the form is saved.
- assessments.LastLooked and FailedReauthentication: bookkeeping of who looked when, and a
  security counter, not portfolio or assessment data.
- feedback: ADR 8 keeps no time and no link between a response and its request, so that a learner
  cannot tell who gave which answers; an event with its time, readable by the learner, would
  undo that. The feedback app's owner decides what may be recorded (ADR 6).

An app can instead register its own models in its AppConfig.ready() (see ADR 6); either way a
model is registered once.
"""

from django.apps import apps

from . import register


def register_existing_models():
    register_programme_and_portfolio_models()
    if apps.is_installed("coordinated_care.assessments"):
        register_assessment_models()


def register_programme_and_portfolio_models():
    from coordinated_care.portfolios.models import Attachment, Entry, EntryVersion, EvidenceLink
    from coordinated_care.programmes.models import AccreditedTraining, Enrolment, Workshop

    register(Enrolment, enrolment=lambda enrolment: enrolment.pk, label=_enrolment_label)
    register(AccreditedTraining, label=lambda training: f"Accredited training: {training.provider}")
    # A workshop belongs to a cohort, not to one portfolio: its history is for those who run it.
    register(Workshop, enrolment=lambda workshop: None, can_read=_can_read_workshop)

    register(Entry)
    # The entry is usually cached on a version or link saved through the portfolio services.
    register(EntryVersion, enrolment=lambda version: version.entry.enrolment_id)
    register(
        EvidenceLink,
        enrolment=lambda link: link.entry.enrolment_id,
        label=lambda link: f"Evidence for criterion: {link.entry.title}",
    )
    # The stored file name is random; the name it was uploaded with is kept by `original_name`.
    register(Attachment, label=lambda attachment: attachment.original_name)


def register_assessment_models():
    from coordinated_care.assessments.models import (
        AgreedAction,
        Assessment,
        Invitation,
        Review,
        Signature,
        SignatureWithdrawal,
        SignedEvidence,
        SignOffRequest,
    )

    # The evidence put forward is a many-to-many field: adding or removing an entry is a change.
    register(SignOffRequest, label=lambda request: f"Sign-off request for criterion {request.criterion.code}")
    register(Assessment)
    register(SignedEvidence, enrolment=lambda signed: signed.assessment.enrolment_id)
    register(AgreedAction, enrolment=lambda action: action.assessment.enrolment_id)
    register(Signature)
    register(SignatureWithdrawal, enrolment=lambda withdrawal: withdrawal.signature.enrolment_id)
    register(Review, label=lambda review: review.get_kind_display())
    # The token is kept only hashed, and never here (`token_hash` is a secret by name); the
    # e-mailed code's hash is excluded by name. Who was invited, and when it was used, are kept.
    register(Invitation, exclude=("code_hash",), label=lambda invitation: f"Invitation to {invitation.name}")


def _enrolment_label(enrolment):
    # Ids, not names: this runs on every save, and a name would cost two queries.
    return f"Enrolment {enrolment.pk}"


def _can_read_workshop(user, workshop_id):
    from coordinated_care.programmes.models import Workshop
    from coordinated_care.programmes.services import can_manage_cohort, is_administrator

    workshop = Workshop.objects.select_related("cohort").filter(pk=workshop_id).first()
    if workshop is None:
        return is_administrator(user)
    return can_manage_cohort(user, workshop.cohort)
