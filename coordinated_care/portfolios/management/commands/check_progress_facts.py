"""Compare every stored progress fact with a fresh count of its portfolio (portfolios.facts).

    python manage.py check_progress_facts           # report rows that disagree; exit 1 if any
    python manage.py check_progress_facts --repair  # and mark them to be counted again

A row that disagrees means a write reached a portfolio without the models' signals (a
QuerySet.update or bulk_create that did not call facts.changed): worth a bug report."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from coordinated_care.portfolios import facts
from coordinated_care.portfolios.models import ProgressFacts
from coordinated_care.portfolios.progress import portfolio_facts
from coordinated_care.programmes.models import Enrolment

BATCH = 500


class Command(BaseCommand):
    help = "Compare the stored progress facts with a fresh count of each portfolio."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Mark the rows that disagree to be counted again.")

    def handle(self, *args, repair=False, **options):
        fresh = ProgressFacts.objects.filter(computed_version=F("version")).values_list("enrolment_id", flat=True)
        ids = list(fresh.order_by("enrolment_id"))
        wrong = []
        for start in range(0, len(ids), BATCH):
            enrolments = list(
                Enrolment.objects.filter(pk__in=ids[start : start + BATCH]).select_related(
                    "cohort__programme", "progress_facts"
                )
            )
            counted = portfolio_facts(enrolments)
            for enrolment in enrolments:
                row = enrolment.progress_facts
                if row.computed_version == row.version and row.facts != counted[enrolment.pk]:
                    wrong.append(enrolment.pk)
        self.stdout.write(f"{len(ids)} stored rows checked, {len(wrong)} disagree with a fresh count.")
        if wrong and repair:
            facts.changed(enrolment_id__in=wrong)
            self.stdout.write(f"{len(wrong)} marked to be counted again when next read.")
        if wrong and not repair:
            raise CommandError("Stored progress facts disagree with their portfolios: run with --repair.")
