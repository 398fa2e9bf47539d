"""The dashboards gather their figures from the replica when there is one (ADR 9), and decide who
may see them on the primary, so a role just taken away is never read from a replica behind it."""

import pytest

from coordinated_care.core import replica
from coordinated_care.reports.dashboards import access, cohort, learner, organisation

from .test_cohort_dashboard import dashboard as cohort_dashboard
from .test_organisation_dashboard import dashboard as organisation_dashboard
from .test_progress_over_time import over_time


def recording(monkeypatch, module, name, seen):
    original = getattr(module, name)

    def wrapped(*args, **kwargs):
        seen.append((name, replica._reading_from_replica.get()))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)


@pytest.mark.parametrize(
    "persona, address, checked, gathered",
    [
        ("programme_lead", lambda e: cohort_dashboard(e), "led_cohort", (cohort, "dashboard_page")),
        ("programme_lead", lambda e: cohort_dashboard(e) + "learners.csv", "led_cohort", (cohort, "export_table")),
        (
            "employer",
            lambda e: organisation_dashboard(e.practice.parent),
            "viewable_organisation",
            (organisation, "organisation_page"),
        ),
        (
            "employer",
            lambda e: organisation_dashboard(e.practice.parent) + "progress.xlsx",
            "viewable_organisation",
            (organisation, "organisation_facts"),
        ),
        ("learner", over_time, "readable_enrolment", (learner, "progress_page")),
    ],
)
def test_the_figures_come_from_the_replica_and_the_permission_from_the_primary(
    request, monkeypatch, signed_in, progressed, persona, address, checked, gathered
):
    seen = []
    recording(monkeypatch, access, checked, seen)
    recording(monkeypatch, *gathered, seen)
    response = signed_in(request.getfixturevalue(persona)).get(address(progressed))
    assert response.status_code == 200
    assert seen == [(checked, False), (gathered[1], True)]
    assert replica._reading_from_replica.get() is False
