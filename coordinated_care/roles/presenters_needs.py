"""What the training needs pages show: a team's heatmap (people × picks, the gap to the level
expected), its ranked needs beside it, a person's ranked needs, and the same as rows for CSV and
XLSX. Each in a fixed number of queries (services.needs_of)."""

from django.urls import reverse

from . import services
from .models import Relevance, Shown

GAP_TAGS = {0: ("Met", "green"), 1: ("Gap 1", "yellow"), 2: ("Gap 2", "orange"), 3: ("Gap 3", "red")}
EXPORT_HEAD = (
    "Organisation",
    "Person",
    "Role",
    "Code",
    "Competency",
    "Priority",
    "Level expected",
    "Level shown",
    "Shown by a sign-off",
    "Relevance this year",
    "Gap",
    "Need",
)


def chosen_organisation(user, organisation_id):
    """The organisation whose people to show: the one asked for if this person manages it, else
    the first they manage (None when they manage none)."""
    organisations = list(services.managed_organisations(user).order_by("name"))
    chosen = next((o for o in organisations if str(o.pk) == str(organisation_id)), None)
    if chosen is None:  # the widest team: the first organisation whose parent is not managed too
        ids = {o.pk for o in organisations}
        chosen = next((o for o in organisations if o.parent_id not in ids), None)
    return organisations, chosen


def person_href(holder):
    return reverse("roles:person", args=[holder.uuid])


def needs_page(user, organisation_id):
    organisations, chosen = chosen_organisation(user, organisation_id)
    teams = services.needs_of(services.holders_in(services.organisations_under(chosen))) if chosen else []
    for team in teams:
        for person in team.people:
            person.href = person_href(person.holder)
            for cell in person.cells:
                cell.tag = GAP_TAGS[cell.gap]
    return {
        "page_title": "Training needs",
        "organisations": organisations,
        "chosen": chosen,
        "teams": teams,
    }


def person_page(holder):
    [team] = services.needs_of(type(holder).objects.filter(pk=holder.pk)) or [None]
    person = team.people[0] if team else None
    return {
        "page_title": f"Training needs of {holder.user.display_name}",
        "holder": holder,
        "team": team,
        "person": person,
        "shown_labels": dict(Shown.choices),
        "relevance_labels": dict(Relevance.choices),
    }


def export_rows(teams):
    """One row per person and pick, the largest needs first."""
    rows = []
    shown, relevance = dict(Shown.choices), dict(Relevance.choices)
    for team in teams:
        for person in team.people:
            holder = person.holder
            for cell in person.cells:
                pick = cell.pick
                rows.append(
                    (
                        holder.organisation.name,
                        holder.user.display_name,
                        team.version.title,
                        pick.item.code,
                        pick.item.title,
                        pick.get_priority_display(),
                        pick.get_level_display(),
                        shown[cell.shown],
                        "Yes" if cell.signed_off else "No",
                        relevance[cell.relevance],
                        cell.gap,
                        cell.need,
                    )
                )
    return sorted(rows, key=lambda row: (-row[-1], row[0], row[1], row[3]))
