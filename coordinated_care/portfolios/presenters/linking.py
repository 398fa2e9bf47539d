"""What the pages that link evidence to criteria show: the criterion picker (grouped by domain,
each with a short description), the suggested criteria, and the entries a criterion's page offers.
The suggestions are computed on the text given and kept nowhere (portfolios.suggestions)."""

from django.urls import reverse

from ..kinds import KINDS
from ..models import Entry, EvidenceLink
from ..suggestions import service as suggesting


def picker(enrolment):
    """The programme's criteria and their short descriptions, for the entry form (one query,
    the index built once per process)."""
    return suggesting.catalogue(enrolment.cohort.programme)


def suggestion_rows(suggestions, form=None, linked=()):
    """Each suggestion as the page shows it: its criterion, the words that led to it and, on the
    entry form, the id of the picker's box that accepts it and whether it is ticked already."""
    ticked = form.ticked_codes() if form is not None else set()
    linked = set(linked)
    rows = []
    for suggestion in suggestions:
        criterion = suggestion.criterion
        rows.append(
            {
                "criterion": criterion,
                "words": suggestion.words,
                "score": suggestion.score,
                "box_id": form[form.link_name(criterion)].auto_id if form is not None else None,
                "accepted": criterion.code in ticked or criterion.code in linked,
            }
        )
    return rows


def entry_writing(entry):
    """All the free text an entry holds, whatever its kind, as one text to score."""
    parts = [entry.title]

    def gather(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                gather(item)
        elif isinstance(value, list):
            for item in value:
                gather(item)

    gather(entry.content)
    return "\n".join(parts)


def entry_suggestions(enrolment, entry, linked_codes):
    """The criteria the entry's writing most likely shows that it is not linked to yet, each with
    the address that links it."""
    programme = enrolment.cohort.programme
    found = suggesting.suggest(programme, entry_writing(entry), leave_out=linked_codes)
    rows = suggestion_rows(found)
    for row in rows:
        row["action"] = reverse(
            "portfolios:link_entry_to_criterion", args=[enrolment.uuid, entry.uuid, row["criterion"].code]
        )
    return rows


def entries_for_criterion(enrolment, criterion):
    """[(uuid, label)] of the portfolio's entries not linked to `criterion` yet, newest first."""
    linked = EvidenceLink.objects.filter(criterion=criterion, entry__enrolment=enrolment).values("entry_id")
    entries = (
        Entry.objects.filter(enrolment=enrolment)
        .exclude(pk__in=linked)
        .only("uuid", "kind", "title")
        .order_by("-created_at", "-pk")
    )
    return [(entry.uuid, f"{entry.title} ({_kind_label(entry.kind)})") for entry in entries]


def _kind_label(kind):
    return KINDS[kind].label.lower() if kind in KINDS else "values worksheet"
