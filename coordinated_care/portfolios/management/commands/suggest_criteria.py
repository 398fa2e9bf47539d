"""`python manage.py suggest_criteria [--programme SLUG]`: the suggested criteria as a filter, for
tests and operators (PRODUCT.md, docs/suggestions.md).

Reads paragraphs, one per line, on standard input and writes one JSON object per line:
{"suggestions": [{"code": "PC1", "score": 0.83}, ...]}, the best three first (fewer, or none,
when the paragraph shares no word with the criteria). Each answer is written and flushed as soon
as its line is read. The paragraphs are scored and forgotten: nothing is stored or logged."""

import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from coordinated_care.programmes.models import Programme
from coordinated_care.programmes.services.shipped import SHIPPED_PROGRAMME_SLUG

from ...suggestions.catalogue import PROGRAMME_DATA, programme_documents
from ...suggestions.lexical import Index
from ...suggestions.service import LIMIT, catalogue, suggest


class Command(BaseCommand):
    help = "Suggest criteria for paragraphs from standard input (one per line): one JSON line each."

    def add_arguments(self, parser):
        parser.add_argument(
            "--programme", default=SHIPPED_PROGRAMME_SLUG, help="The programme's slug (default: %(default)s)."
        )

    def handle(self, *args, programme, **options):
        score = self._scorer(programme)  # built before the first line, so answers come at an even pace
        source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
        out = sys.stdout.buffer
        for line in source:
            paragraph = line.removesuffix("\n").removesuffix("\r")
            suggestions = [{"code": code, "score": value} for code, value in score(paragraph)]
            out.write(json.dumps({"suggestions": suggestions}, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()

    def _scorer(self, slug):
        """The programme as loaded in the database; or, for a shipped programme not loaded yet (a
        database not migrated or seeded), its criteria read from the shipped files."""
        try:
            found = Programme.objects.filter(slug=slug).first()
        except DatabaseError:
            found = None
        if found is not None:
            loaded = catalogue(found)
            return lambda text: [(s.code, s.score) for s in suggest(found, text, catalogue_=loaded)]
        if not (PROGRAMME_DATA / f"{slug}.json").is_file():
            raise CommandError(f"No programme with the slug {slug!r}.")
        index = Index(programme_documents(slug))
        return lambda text: [(s.code, s.score) for s in index.score(text, limit=LIMIT)]
