"""When a cohort moves to another version of its programme (ADR 17), feedback put forward as
evidence follows to the new version's criterion of the same code. Registered in
FeedbackConfig.ready() with programmes.providers.register_criteria_mover."""

from ..models import ResponseEvidenceLink


def move_response_links(enrolment_ids, mapping):
    links = ResponseEvidenceLink.objects.filter(
        response__enrolment_id__in=list(enrolment_ids), criterion_id__in=list(mapping)
    )
    for link in links:
        link.criterion_id = mapping[link.criterion_id]
        link.save(update_fields=["criterion"])
