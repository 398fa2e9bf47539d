"""The pages of programme versions (ADR 17): the versions of a programme, its draft, and what
moving a cohort to a later version changes."""

from django.db.models import Count
from django.urls import reverse

from coordinated_care.programmes.models import Programme
from coordinated_care.programmes.services import versions


def versions_href(programme):
    return reverse("programmes:versions", kwargs={"slug": programme.slug})


def draft_href(programme):
    return reverse("programmes:draft", kwargs={"slug": programme.slug})


def versions_page(programme):
    rows = versions.versions_of(programme).annotate(cohort_count=Count("cohorts")).order_by("-version")
    return {
        "page_title": f"Versions of {programme.title}",
        "programme": programme,
        "rows": [
            {
                "version": row,
                "href": reverse("programmes:programme", kwargs={"slug": row.slug})
                if row.status != Programme.Status.DRAFT
                else draft_href(row),
            }
            for row in rows
        ],
        "draft": next((row for row in rows if row.status == Programme.Status.DRAFT), None),
    }


def comparison_context(comparison):
    """What the diff shows, each change in words."""
    return {
        "comparison": comparison,
        "criteria_changed": [
            {"code": change.code, "old": change.old, "new": change.new, "what": ", ".join(change.what)}
            for change in comparison.criteria_changed
        ],
        "workshops_changed": [
            {"code": change.code, "old": change.old, "new": change.new, "what": ", ".join(change.what)}
            for change in comparison.workshops_changed
        ],
    }


def draft_page(draft):
    published = versions.latest_published(draft)
    comparison = versions.compare(published, draft) if published else None
    return {
        "page_title": f"Draft version {draft.version} of {draft.title}",
        "draft": draft,
        "published": published,
        "groups": [
            {"group": group, "criteria": [c for c in draft.criteria.all() if c.group_id == group.pk]}
            for group in draft.criterion_groups.order_by("position")
        ],
        "workshops": list(draft.workshop_plan.order_by("number")),
        **(comparison_context(comparison) if comparison else {"comparison": None}),
    }


def cohort_version_page(cohort, target, today=None):
    comparison = versions.compare(cohort.programme, target)
    reasons = versions.providers.reasons_not_to_move(cohort.enrolments.values_list("pk", flat=True))
    return {
        "page_title": f"Move {cohort.name} to version {target.version}",
        "cohort": cohort,
        "target": target,
        "reasons": reasons,
        **comparison_context(comparison),
    }
