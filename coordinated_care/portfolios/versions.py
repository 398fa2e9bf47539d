"""When a cohort moves to another version of its programme (ADR 17), the learners' evidence
links follow to the new version's criterion of the same code. Registered in PortfoliosConfig.ready()
with programmes.providers.register_criteria_mover; called inside the move's transaction."""

from .models import EvidenceLink


def move_evidence_links(enrolment_ids, mapping):
    """Each link, saved one by one (the audit trail and the progress facts see each). A link to a
    criterion the new version does not have stays where it is, and no longer counts."""
    links = EvidenceLink.objects.filter(entry__enrolment_id__in=list(enrolment_ids), criterion_id__in=list(mapping))
    for link in links:
        link.criterion_id = mapping[link.criterion_id]
        link.save(update_fields=["criterion"])
