from django.core.management.base import BaseCommand
from django.db import transaction

from coordinated_care.frameworks.services import load_shipped_framework
from coordinated_care.nonprod import (
    demo,
    demo_adjustments,
    demo_assessments,
    demo_delegation,
    demo_portfolios,
    demo_roles,
    demo_schedule,
)
from coordinated_care.programmes.services import load_shipped_programme
from coordinated_care.roles.services import load_shipped_content


class Command(BaseCommand):
    help = "Load the competency framework and the demo organisations, people and portfolios. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        load_shipped_framework()
        load_shipped_programme()
        load_shipped_content()
        organisations = demo.seed_organisations()
        people = demo.seed_people(organisations)
        enrolments = demo.seed_cohort(organisations, people)
        demo_portfolios.seed_portfolio(enrolments[0])
        demo_assessments.seed_assessments(enrolments[0])
        second_cohort = demo_schedule.seed_schedule(enrolments[0], organisations, people)
        demo_adjustments.seed_adjustments(enrolments[1])
        delegation = demo_delegation.seed_delegation(enrolments[0], people)
        profile, team = demo_roles.seed_roles(organisations, people)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/ as:"))
        width = max(len(label) for label, _ in demo.DEMO_LOGINS)
        for label, email in demo.DEMO_LOGINS:
            self.stdout.write(f"  {label.ljust(width)}  {email}")
        self.stdout.write(f"  Password for every demo login: {demo.DEMO_PASSWORD}")
        self.stdout.write(
            "  Every login but the learner's asks for an authenticator code: run `python manage.py demo_code`,"
            f" or put the secret {demo.DEMO_TOTP_SECRET} into an authenticator app."
        )
        self.stdout.write(f"{demo.DEMO_COHORT_NAME}: {len(enrolments)} learners enrolled, run by {demo.DEMO_LEAD}.")
        self.stdout.write(f"{second_cohort.name}: starts {second_cohort.start_date}, nobody enrolled yet.")
        self.stdout.write(
            f"Assessing {delegation.enrolment.learner.display_name} is delegated to {delegation.delegate.email}"
            f" from {delegation.starts_on} to {delegation.ends_on}."
        )
        self.stdout.write(f"{profile.slug}: {len(team)} people in the role, each with a self-evaluation.")
