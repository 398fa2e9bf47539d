"""The programme pages: a programme as its source sets it out, readable by everyone signed in.
Drafts are shown to administrators only. Each page costs a fixed number of queries."""

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.frameworks.presenters import item_href, version_href
from coordinated_care.programmes.models import Criterion, Programme
from coordinated_care.programmes.services import is_administrator
from coordinated_care.programmes.services.versions import can_edit_programmes


def visible_programmes(user):
    programmes = Programme.objects.select_related("framework_version__framework")
    if not is_administrator(user):
        programmes = programmes.exclude(status=Programme.Status.DRAFT)
    return programmes


def programme_href(programme):
    return reverse("programmes:programme", kwargs={"slug": programme.slug})


def index_page(user):
    return {
        "page_title": "Programmes",
        "programmes": [
            {"programme": programme, "href": programme_href(programme), "version": programme.framework_version}
            # A retired version is read from its cohorts' pages; the list shows what runs now.
            for programme in visible_programmes(user)
            .exclude(status=Programme.Status.RETIRED)
            .order_by("title", "version")
        ],
    }


def _paragraphs(text):
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def criterion_body(criterion):
    """The wording under the criterion's title: the PD often starts it with the title and a colon,
    which the heading already says."""
    wording, title = criterion.wording.strip(), criterion.title.strip()
    if wording == title:
        return ""
    if wording.startswith(title + ":"):
        return wording[len(title) + 1 :].strip()
    return wording


def programme_page(slug, user):
    programme = visible_programmes(user).filter(slug=slug).first()
    if programme is None:
        raise Http404("No such programme.")
    version = programme.framework_version
    criteria = (
        Criterion.objects.filter(programme=programme)
        .order_by("group__position", "position")
        .prefetch_related(Prefetch("competencies", queryset=FrameworkItem.objects.order_by("code")))
    )
    by_group = {}
    for criterion in criteria:
        by_group.setdefault(criterion.group_id, []).append(
            {
                "criterion": criterion,
                "body": criterion_body(criterion),
                "competencies": [
                    {"item": item, "href": item_href(item, version)} for item in criterion.competencies.all()
                ],
            }
        )
    groups = [
        {
            "group": group,
            "description": _paragraphs(group.description),
            "domain": {"item": group.framework_domain, "href": item_href(group.framework_domain, version)}
            if group.framework_domain
            else None,
            "criteria": by_group.get(group.pk, []),
        }
        for group in programme.criterion_groups.select_related("framework_domain").order_by("position")
    ]
    return {
        "page_title": programme.title,
        "programme": programme,
        "description": _paragraphs(programme.description),
        "version": version,
        "version_href": version_href(version),
        "documents": list(programme.required_documents.order_by("position")),
        "workshops": list(programme.workshop_plan.select_related("criterion_group").order_by("number")),
        "groups": groups,
        "criteria_total": sum(len(group["criteria"]) for group in groups),
        "values": [value.name for value in programme.values.order_by("position")],
        "is_draft": programme.status == Programme.Status.DRAFT,
        # Programme leads and administrators change a programme through versions (ADR 17).
        "versions_href": reverse("programmes:versions", kwargs={"slug": programme.slug})
        if can_edit_programmes(user)
        else None,
    }
