"""The framework's versions and items in the audit trail (ADR 6): who started a draft, changed,
added or removed its items and published it, and when. They belong to no portfolio, so only
administrators read their history. A draft's copy of the published items (bulk-created) and a
move among siblings (a bulk update) are not recorded item by item; the version's own change is."""

from coordinated_care import audit

from .models import FrameworkItem, FrameworkVersion


def register_audited():
    audit.register(FrameworkVersion, enrolment=lambda version: None, label=str)
    audit.register(
        FrameworkItem, enrolment=lambda item: None, label=lambda item: f"Framework item {item.code} ({item.version_id})"
    )
