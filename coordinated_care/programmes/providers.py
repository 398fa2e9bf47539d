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


# When a cohort moves to another version of its programme (ADR 17, services.versions.move_cohort),
# the apps that link their records to criteria move those links to the new version's criteria.
# Each mover takes the cohort's enrolment ids and {old criterion id: new criterion id} for the
# criteria both versions have (by code), and updates its own rows in the same transaction:
#
#     providers.register_criteria_mover("portfolios", move_evidence_links)

_criteria_movers = {}


def register_criteria_mover(name, mover) -> None:
    """One mover per app: registering again under the same name replaces it."""
    _criteria_movers[name] = mover


def move_criteria(enrolment_ids, mapping):
    for _name, mover in sorted(_criteria_movers.items()):
        mover(enrolment_ids, mapping)


# What may keep a cohort on its version (a signed decision bound to a criterion, for one): each
# check takes the cohort's enrolment ids and gives the reason in words, or None.

_move_checks = {}


def register_move_check(name, check) -> None:
    _move_checks[name] = check


def reasons_not_to_move(enrolment_ids):
    enrolment_ids = list(enrolment_ids)
    return [reason for _name, check in sorted(_move_checks.items()) if (reason := check(enrolment_ids))]
