"""What the role profile pages show, each in a fixed number of queries."""

from collections import Counter

from django.urls import reverse

from coordinated_care.frameworks.services import Tree

from . import services
from .documents import KINDS
from .models import RoleProfile, RoleProfileVersion
from .services.specs import PICKABLE


def profile_href(profile):
    return reverse("roles:profile", args=[profile.slug])


def list_page(user):
    """Every profile of the organisations this person manages, with its current version and its
    draft: three queries."""
    profiles = list(
        RoleProfile.objects.filter(organisation__in=services.managed_organisations(user))
        .select_related("organisation")
        .order_by("organisation__name", "slug")
    )
    versions = RoleProfileVersion.objects.filter(profile__in=profiles).order_by("number")
    current, drafts = {}, {}
    for version in versions:
        (drafts if version.is_draft else current)[version.profile_id] = version
    rows = [
        {
            "profile": profile,
            "href": profile_href(profile),
            "current": current.get(profile.pk),
            "draft": drafts.get(profile.pk),
            "title": (current.get(profile.pk) or drafts.get(profile.pk)).title,
        }
        for profile in profiles
        if profile.pk in current or profile.pk in drafts
    ]
    return {"page_title": "Role profiles", "rows": rows}


def grid_items(framework_version):
    """The competencies and components of a version in framework order, each with its domain, in
    one query: the rows of the picking grid."""
    tree = Tree.of(framework_version)
    rows = []
    for item in tree.walk():
        if item.kind in PICKABLE:
            item.domain = tree.ancestors(item)[0] if tree.ancestors(item) else item
            item.depth = len(tree.ancestors(item))
            rows.append(item)
    return rows


def grid_sections(form):
    """The form's rows grouped by domain: [(domain, [row])]."""
    sections = []
    for row in form.rows():
        domain = row["item"].domain
        if not sections or sections[-1][0].pk != domain.pk:
            sections.append((domain, []))
        sections[-1][1].append(row)
    return sections


def profile_page(profile):
    """The profile's current version (or its draft when never published), its picks by domain, its
    versions and its documents."""
    versions = list(profile.versions.select_related("framework_version__framework").order_by("-number"))
    draft = next((v for v in versions if v.is_draft), None)
    current = next((v for v in versions if not v.is_draft), None)
    shown = current or draft
    picks = services.ordered_picks(shown)
    groups = []
    for pick in picks:
        domain = pick.item
        while domain.parent is not None:
            domain = domain.parent
        if not groups or groups[-1][0].pk != domain.pk:
            groups.append((domain, []))
        groups[-1][1].append(pick)
    counts = Counter(pick.priority for pick in picks)
    return {
        "page_title": shown.title,
        "profile": profile,
        "version": shown,
        "current": current,
        "draft": draft,
        "versions": versions,
        "groups": groups,
        "picks": picks,
        "essential_count": counts["essential"],
        "desirable_count": counts["desirable"],
        "interview_count": sum(1 for pick in picks if pick.at_interview),
        "levels": services.level_descriptors(),
        "documents": [
            {"kind": kind, "title": title, "href": reverse("roles:document", args=[profile.slug, kind])}
            for kind, title in KINDS.items()
        ],
    }


def copy_sources(user):
    """The choices of the copy page: the shipped starting points, then the published profiles of
    other organisations (three queries)."""
    starting = [
        {"value": f"start:{point.slug}", "title": point.title, "hint": point.purpose, "kind": "starting point"}
        for point in services.starting_points()
    ]
    own = services.managed_organisations(user) if not services.is_administrator(user) else []
    shared = [
        {
            "value": f"profile:{version.pk}",
            "title": f"{version.title} ({version.profile.organisation.name})",
            "hint": f"Version {version.number}. {version.purpose}".strip(),
            "kind": "shared",
        }
        for version in services.shared_versions(own)
    ]
    return starting, shared
