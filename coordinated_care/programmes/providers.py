"""What the apps above programmes provide to it, without programmes importing them (ADR 10).

The cohort page and the supporters' home pages list how far each learner's portfolio has got
(presenters.progress.summarise). Programmes holds the rules for falling behind; the counting is the
portfolio's (portfolios.progress.progress_counts), which the portfolios app registers in its
AppConfig.ready():

    from coordinated_care.programmes import providers

    providers.register_progress_counter(progress_counts)

A counter takes enrolments (each with its cohort and the cohort's programme loaded) and a date and
gives {enrolment id: counts} in a fixed number of queries, each counts with `criteria_total`,
`criteria_with_evidence`, `criteria_signed_off`, `documents_missing` (each with its `document`) and
`overdue_actions` (a list).
"""

from django.core.exceptions import ImproperlyConfigured

_progress_counters = []


def register_progress_counter(counter) -> None:
    """One counter: a second registration replaces the first."""
    _progress_counters[:] = [counter]


def count_progress(enrolments, today):
    if not _progress_counters:
        raise ImproperlyConfigured("No progress counter is registered: coordinated_care.portfolios registers one.")
    return _progress_counters[0](enrolments, today)
