"""Running a cohort: its workshops follow from the programme's plan and can be moved; each
enrolment names the learner and the people who support and assess them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from coordinated_care import audit
from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import AccreditedTraining, Cohort, Enrolment, Workshop


@transaction.atomic
def create_cohort(*, programme, name, start_date, training_provider, leads=()):
    """A cohort with its workshops dated from the programme's plan."""
    cohort = Cohort.objects.create(
        programme=programme, name=name, start_date=start_date, training_provider=training_provider
    )
    cohort.leads.set(leads)
    schedule_workshops(cohort)
    return cohort


@transaction.atomic
def schedule_workshops(cohort):
    """Date the cohort's workshops from the programme's plan. Workshops it already has are kept
    as they are (they may have been moved), so this is safe to run again."""
    existing = set(cohort.workshops.values_list("number", flat=True))
    created = Workshop.objects.bulk_create(
        Workshop(
            cohort=cohort,
            plan_item=item,
            number=item.number,
            theme=item.theme,
            date=cohort.start_date + datetime.timedelta(weeks=item.weeks_after_start),
        )
        for item in cohort.programme.workshop_plan.all()
        if item.number not in existing
    )
    # bulk_create sends no signals: the audit trail is told of each workshop here.
    for workshop in created:
        audit.record(workshop, audit.CREATE)
    return created


@transaction.atomic
def move_workshop(workshop, *, date, location=None):
    workshop.date = date
    if location is not None:
        workshop.location = location
    workshop.save(update_fields=["date", "location"])
    return workshop


@transaction.atomic
def enrol(
    *,
    cohort,
    learner,
    practice,
    facilitator,
    supervisor=None,
    additional_signatory_name="",
    additional_signatory_email="",
):
    if learner.pk == facilitator.pk or (supervisor is not None and supervisor.pk == learner.pk):
        raise ValidationError("A learner cannot be their own facilitator or supervisor.", code="self_assessment")
    if not has_role(facilitator, Role.FACILITATOR):
        raise ValidationError(f"{facilitator} is not a practice-based facilitator.", code="not_facilitator")
    return Enrolment.objects.create(
        cohort=cohort,
        learner=learner,
        practice=practice,
        facilitator=facilitator,
        supervisor=supervisor,
        additional_signatory_name=additional_signatory_name,
        additional_signatory_email=additional_signatory_email,
    )


@transaction.atomic
def record_accredited_training(enrolment, *, completed_on, provider, certificate=None):
    training, _ = AccreditedTraining.objects.update_or_create(
        enrolment=enrolment,
        defaults={"completed_on": completed_on, "provider": provider, "certificate": certificate},
    )
    return training
