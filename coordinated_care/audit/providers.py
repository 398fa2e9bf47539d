"""Who may read the audit trail, provided by the app that decides who may read a portfolio.

An event is filed under an enrolment, or under none; whoever may read that portfolio may read its
history. The audit trail knows no domain app (ADR 10), so the programmes app registers its rules in
its AppConfig.ready():

    from coordinated_care.audit import providers

    providers.register_readers(
        providers.Readers(enrolment=..., readable_portfolio=..., can_read=..., is_administrator=...)
    )
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Readers:
    enrolment: Callable  # enrolment id -> the enrolment with its cohort, or None
    # (user, enrolment uuid) -> the enrolment with its learner and cohort if they may read that
    # portfolio; otherwise Http404, whether or not it exists.
    readable_portfolio: Callable
    can_read: Callable  # (user, enrolment) -> whether they may read that portfolio
    is_administrator: Callable  # user -> whether they may read what is filed under no one


_readers = []


def register_readers(readers: Readers) -> None:
    """One set of readers: a second registration replaces the first."""
    _readers[:] = [readers]


def readers() -> Readers:
    if not _readers:
        raise ImproperlyConfigured("Nobody registered who may read the audit trail: coordinated_care.programmes does.")
    return _readers[0]
