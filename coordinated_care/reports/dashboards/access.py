"""Who may see which dashboard, asked of the apps that own each rule (STYLE.md: one rule, one
place). Anyone else is told the page does not exist (404), as for a portfolio.

- A cohort's dashboard and attendance register: the cohort's leads, while they hold the programme
  lead role (`programmes.services.leads_cohort`). Administrators run cohorts but do not read
  portfolios, and the dashboard shows what each portfolio holds.
- An organisation's dashboard: its employers and those of the organisations above it
  (`roles.services.access.managed_organisations`: an ICB's commissioners over its PCNs and
  practices), and administrators. They see counts, never the text of a portfolio.
- A learner's progress over time: whoever may read the portfolio
  (`programmes.services.readable_enrolment`)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Cohort, Workshop
from coordinated_care.programmes.services import is_administrator, leads_cohort, readable_enrolment
from coordinated_care.roles.services.access import managed_organisations

__all__ = [
    "dashboard_organisations",
    "led_cohort",
    "led_workshop",
    "readable_enrolment",
    "viewable_organisation",
]


def led_cohort(user, cohort_uuid):
    cohort = Cohort.objects.select_related("programme", "training_provider").filter(uuid=cohort_uuid).first()
    if cohort is None or not leads_cohort(user, cohort):
        raise Http404("No such cohort.")
    return cohort


def led_workshop(user, cohort_uuid, number):
    cohort = led_cohort(user, cohort_uuid)
    workshop = get_object_or_404(Workshop, cohort=cohort, number=number)
    workshop.cohort = cohort
    return workshop


def sees_organisations(user):
    return user.is_authenticated and (has_role(user, Role.EMPLOYER) or is_administrator(user))


def dashboard_organisations(user):
    """The organisations to start from: where the person is an employer; for an administrator,
    every ICB and organisation that stands on its own. 404 for anyone else."""
    if not sees_organisations(user):
        raise Http404
    if is_administrator(user):
        return Organisation.objects.filter(parent__isnull=True).exclude(kind=Organisation.Kind.TRAINING_PROVIDER)
    return Organisation.objects.filter(role_assignments__user=user, role_assignments__role=Role.EMPLOYER).distinct()


def viewable_organisation(user, organisation_uuid):
    if not sees_organisations(user):
        raise Http404
    organisation = (
        managed_organisations(user)
        .exclude(kind=Organisation.Kind.TRAINING_PROVIDER)
        .select_related("parent__parent")
        .filter(uuid=organisation_uuid)
        .first()
    )
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation
