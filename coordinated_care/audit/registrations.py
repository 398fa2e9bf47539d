"""The models of other apps whose every create, change and delete the audit trail records.

Kept here, not in each app, so that no app's files change to be audited and the list can be read
in one place. Called from AuditConfig.ready(), once every model is loaded. Drafts are not here:
they are scratch, deleted when the form is saved.

An app can instead register its own models in its AppConfig.ready() (see ADR 6); either way a
model is registered once.
"""

from . import register


def register_existing_models():
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
