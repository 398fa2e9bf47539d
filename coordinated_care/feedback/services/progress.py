"""What the feedback app tells portfolios' progress at a glance (portfolios.progress.progress_counts),
for many portfolios at once: responses linked to criteria count as evidence, and every response
counts towards the PD's feedback document beside the feedback learners write in. Registered as a
provider in FeedbackConfig.ready() (portfolios.providers, ADR 10)."""

from coordinated_care.programmes.models import RequiredDocument

from .responses import evidence_counts, response_counts

__all__ = ["document_counts", "evidence_counts"]


def document_counts(enrolment_ids, programme_ids):
    """{(enrolment id, the feedback document): (number of responses, False)}, in one query."""
    return {
        (enrolment_id, RequiredDocument.Kind.FEEDBACK): (n, False)
        for enrolment_id, n in response_counts(enrolment_ids).items()
    }
