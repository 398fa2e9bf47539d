"""What of the portfolio the audit trail records: called from PortfoliosConfig.ready() (ADR 6).
Labels cost no query (they run on every save) and never name a patient.

Not recorded, on purpose: Draft, scratch deleted when its form is saved."""

from coordinated_care import audit

from .models import Attachment, Entry, EntryVersion, EvidenceLink


def register_models():
    audit.register(Entry)
    # The entry is usually cached on a version or link saved through the portfolio services.
    audit.register(EntryVersion, enrolment=lambda version: version.entry.enrolment_id)
    audit.register(
        EvidenceLink,
        enrolment=lambda link: link.entry.enrolment_id,
        label=lambda link: f"Evidence for criterion: {link.entry.title}",
    )
    # The stored file name is random; the name it was uploaded with is kept by `original_name`.
    audit.register(Attachment, label=lambda attachment: attachment.original_name)
