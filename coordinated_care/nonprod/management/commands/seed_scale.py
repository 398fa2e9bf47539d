"""Synthetic data at national scale for benchmarks. Names are generated ("Learner 000123"), never
taken from real people, and the free text is fixed synthetic prose that passes the
confidentiality guard."""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from coordinated_care.accounts.models import Organisation, Role, RoleAssignment, User
from coordinated_care.core.canonical import canonical_hash
from coordinated_care.frameworks.services import load_shipped_framework
from coordinated_care.nonprod.scale_people import confirm_and_secure
from coordinated_care.portfolios.models import Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import Criterion, Enrolment
from coordinated_care.programmes.services import create_cohort, load_shipped_programme

CASE_STUDY = {
    "title": "Case study: support after a hospital stay",
    "overview": "An older person living alone needed help to settle back at home after a stay in hospital.",
    "coordination": "I spoke with the community nursing team, arranged a befriending service and a pharmacy review.",
    "outcomes": "They felt more confident at home. I learned to ask about transport and meals before discharge.",
}
LEARNERS_PER_PRACTICE = 4


class Command(BaseCommand):
    help = "Create synthetic learners with part-completed portfolios for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, required=True)
        parser.add_argument("--entries", type=int, default=6, help="Case studies per learner (default 6).")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, learners, entries, batch, **options):
        if learners < 1:
            raise CommandError("--learners must be at least 1.")
        load_shipped_framework()
        programme = load_shipped_programme()
        criteria = list(Criterion.objects.filter(programme=programme).order_by("pk"))
        password = make_password("scale-password-never-used")
        start = Organisation.objects.filter(name__startswith="Scale ").count()
        icb = Organisation.objects.create(name=f"Scale ICB {start}", kind=Organisation.Kind.ICB)
        hub = Organisation.objects.create(
            name=f"Scale Training Hub {start}", kind=Organisation.Kind.TRAINING_PROVIDER, parent=icb
        )
        # The ICB's commissioner: an employer there reads the organisation dashboard of everything under it.
        employer = User.objects.create(
            email=f"scale-employer-{icb.pk}@scale.test", full_name=f"Employer {icb.pk}", password=password
        )
        RoleAssignment.objects.create(user=employer, role=Role.EMPLOYER, organisation=icb)
        confirm_and_secure(people=[employer], staff=[employer])
        made = 0
        while made < learners:
            size = min(batch, learners - made)
            with transaction.atomic():
                self._batch(size, made, icb, hub, programme, criteria, password, entries)
            made += size
            self.stdout.write(f"  {made} of {learners} learners")
        if connection.vendor == "postgresql":
            # As after any bulk load: without fresh statistics the planner takes a table of 60,000
            # evidence links for a small one and scans it whole (the caseload's query went from
            # under a millisecond to 180 ms), which autovacuum would put right only later.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Created {learners} learners with {entries} case studies each."))

    def _batch(self, size, offset, icb, hub, programme, criteria, password, entries):
        tag = f"{icb.pk}-{offset}"
        pcn = Organisation.objects.create(name=f"Scale PCN {tag}", kind=Organisation.Kind.PCN, parent=icb)
        practices = Organisation.objects.bulk_create(
            Organisation(name=f"Scale Practice {tag}-{n}", kind=Organisation.Kind.PRACTICE, parent=pcn)
            for n in range(max(1, size // LEARNERS_PER_PRACTICE))
        )
        lead = User.objects.create(email=f"scale-lead-{tag}@scale.test", full_name=f"Lead {tag}", password=password)
        cohort = create_cohort(
            programme=programme,
            name=f"Scale cohort {tag}",
            start_date=timezone.localdate() - datetime.timedelta(weeks=10),
            training_provider=hub,
            leads=[lead],
        )
        facilitators = User.objects.bulk_create(
            User(email=f"scale-pbf-{tag}-{n}@scale.test", full_name=f"Facilitator {tag}-{n}", password=password)
            for n in range(len(practices))
        )
        learners = User.objects.bulk_create(
            User(email=f"scale-learner-{tag}-{n}@scale.test", full_name=f"Learner {tag}-{n:06d}", password=password)
            for n in range(size)
        )
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=f, role=Role.FACILITATOR, organisation=p)
                for f, p in zip(facilitators, practices, strict=True)
            ]
            + [
                RoleAssignment(user=u, role=Role.LEARNER, organisation=practices[n % len(practices)])
                for n, u in enumerate(learners)
            ]
            + [RoleAssignment(user=lead, role=Role.PROGRAMME_LEAD, organisation=hub)]
        )
        # Signing in as real people do (ADR 13): addresses confirmed, the staff with an authenticator.
        confirm_and_secure(people=[lead, *facilitators, *learners], staff=[lead, *facilitators])
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(
                cohort=cohort,
                learner=u,
                practice=practices[n % len(practices)],
                facilitator=facilitators[n % len(facilitators)],
            )
            for n, u in enumerate(learners)
        )
        made = Entry.objects.bulk_create(
            Entry(
                enrolment=e,
                kind=Entry.Kind.CASE_STUDY,
                title=CASE_STUDY["title"],
                content=CASE_STUDY,
                created_by=e.learner,
            )
            for e in enrolments
            for _ in range(entries)
        )
        digest = canonical_hash(CASE_STUDY)
        EntryVersion.objects.bulk_create(
            EntryVersion(
                entry=entry,
                number=1,
                title=entry.title,
                content=CASE_STUDY,
                content_hash=digest,
                created_by=entry.created_by,
            )
            for entry in made
        )
        EvidenceLink.objects.bulk_create(
            EvidenceLink(
                entry=entry, criterion=criteria[n % len(criteria)], how_it_shows="Shown in the coordination described."
            )
            for n, entry in enumerate(made)
        )
