"""What each framework page shows, shaped for its template.

Every page reads the version list once and the version's items once, then works in Python, so
it costs the same number of queries however many items a framework has."""

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role

from .models import ChecklistSection, Framework, FrameworkItem, FrameworkVersion
from .services.queries import Tree, current_versions
from .services.text import plain_text

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 10
SEARCH_MAX_RESULTS = 100
SNIPPET_LENGTH = 240


def version_href(version):
    return reverse("framework:version", kwargs={"slug": version.framework.slug, "number": version.number})


def item_href(item, version=None):
    """The page of any item. `version` (with its framework) saves a query when the caller has it."""
    version = version or item.version
    kwargs = {"slug": version.framework.slug, "number": version.number, "code": item.code}
    if item.kind == FrameworkItem.Kind.DOMAIN:
        return reverse("framework:domain", kwargs=kwargs)
    return reverse("framework:item", kwargs={**kwargs, "kind": item.kind})


def paragraphs(text):
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def can_draft(user):
    """Administrators make, edit, publish and read framework drafts (their role, as every view asks
    it: ADR 3, never the admin's `is_staff` flag)."""
    return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)


def visible_versions(slug, user):
    """All versions of the framework `slug` this person may read (drafts: administrators only)."""
    versions = FrameworkVersion.objects.select_related("framework").filter(framework__slug=slug).order_by("number")
    versions = list(versions)
    # The role is asked only when there is a draft to hide (most pages have none: no query).
    if any(version.status == FrameworkVersion.Status.DRAFT for version in versions) and not can_draft(user):
        versions = [version for version in versions if version.status != FrameworkVersion.Status.DRAFT]
    return versions


def _current(versions):
    published = [version for version in versions if version.status == FrameworkVersion.Status.PUBLISHED]
    return published[-1] if published else None


def _find_version(slug, number, user):
    versions = visible_versions(slug, user)
    version = next((version for version in versions if version.number == number), None)
    if version is None:
        raise Http404("No such framework version.")
    return version, versions


def _version_context(version, versions):
    current = _current(versions)
    return {
        "framework": version.framework,
        "version": version,
        "version_href": version_href(version),
        "current": current if current and current.pk != version.pk else None,
        "current_href": version_href(current) if current else None,
        "other_versions": [
            {"label": other.label, "status": other.get_status_display(), "href": version_href(other)}
            for other in versions
            if other.pk != version.pk
        ],
        "search_href": reverse("framework:search"),
    }


def _version_crumb(version):
    return {"text": f"{version.framework.title} ({version.label.lower()})", "href": version_href(version)}


def _link(item, version):
    return {"item": item, "href": item_href(item, version), "paragraphs": paragraphs(item.description)}


def _by_kind(children, kind, version):
    return [_link(child, version) for child in children if child.kind == kind]


def _domain_summary(tree, domain, version):
    children = tree.children(domain)
    return {
        **_link(domain, version),
        "themes": _by_kind(children, FrameworkItem.Kind.THEME, version),
        "components": _by_kind(children, FrameworkItem.Kind.COMPONENT, version),
        "competencies": _by_kind(children, FrameworkItem.Kind.COMPETENCY, version),
    }


def index_page():
    """Either the one current version to go to, or the frameworks to choose from."""
    versions = current_versions()
    if len(versions) == 1:
        return {"redirect": version_href(versions[0])}
    return {
        "page_title": "Competency frameworks",
        "frameworks": [
            {"title": version.framework.title, "href": version_href(version), "version": version}
            for version in versions
        ],
        "search_href": reverse("framework:search"),
    }


def framework_redirect(slug, user):
    versions = visible_versions(slug, user)
    target = _current(versions) or (versions[-1] if versions else None)
    if target is None:
        raise Http404("No such framework.")
    return version_href(target)


def version_page(slug, number, user):
    version, versions = _find_version(slug, number, user)
    tree = Tree.of(version)
    has_checklist = version.framework.checklist_sections.exists()
    return {
        **_version_context(version, versions),
        "page_title": f"{version.framework.title} ({version.label.lower()})",
        "description": paragraphs(version.framework.description),
        "domains": [_domain_summary(tree, domain, version) for domain in tree.roots],
        "checklist_href": reverse("framework:checklist", kwargs={"slug": slug}) if has_checklist else None,
        "checklist_title": version.framework.checklist_title,
        "versions": versions,
    }


def domain_page(slug, number, code, user):
    version, versions = _find_version(slug, number, user)
    tree = Tree.of(version)
    domain = tree.find(code)
    if domain is None or domain.kind != FrameworkItem.Kind.DOMAIN:
        raise Http404("No such domain.")
    return {
        **_version_context(version, versions),
        **_domain_summary(tree, domain, version),
        "page_title": domain.title,
        "breadcrumbs": [_version_crumb(version)],
        "summary": _summary(domain, version),
        "pagination": _neighbours(tree, domain, version),
    }


def item_page(slug, number, kind, code, user):
    version, versions = _find_version(slug, number, user)
    tree = Tree.of(version)
    item = tree.find(code)
    if item is None or item.kind != kind or kind == FrameworkItem.Kind.DOMAIN:
        raise Http404("No such item.")
    ancestors = tree.ancestors(item)
    return {
        **_version_context(version, versions),
        **_link(item, version),
        "page_title": item.title,
        "kind_label": item.get_kind_display(),
        "domain": ancestors[0] if ancestors else None,
        "breadcrumbs": [_version_crumb(version)]
        + [{"text": ancestor.title, "href": item_href(ancestor, version)} for ancestor in ancestors],
        "children": [_link(child, version) for child in tree.children(item)],
        # Notes imported before markup was cleaned at import: shown as plain text, never as HTML.
        "notes": paragraphs(plain_text(item.notes)),
        "summary": _summary(item, version, domain=ancestors[0] if ancestors else None),
        "pagination": _neighbours(tree, item, version),
    }


def _summary(item, version, domain=None):
    rows = [("Code", item.code), ("Type", item.get_kind_display())]
    if domain is not None:
        rows.append(("Domain", domain.title))
    rows += [
        ("Framework", f"{version.framework.title}, {version.label.lower()} ({version.get_status_display().lower()})"),
        ("Identifier", str(item.identifier)),
    ]
    if item.lineage != item.identifier:
        # Only worth showing once an edit has given the item a new identifier.
        rows.append(("Lineage", str(item.lineage)))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _neighbours(tree, item, version):
    """Previous and next among the item's siblings of the same kind."""
    siblings = [
        sibling
        for sibling in (tree.children(tree.by_pk[item.parent_id]) if item.parent_id else tree.roots)
        if sibling.kind == item.kind
    ]
    index = siblings.index(item)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    if not previous and not following:
        return None
    pagination = {}
    if previous:
        pagination["previous"] = {"href": item_href(previous, version), "labelText": previous.title}
    if following:
        pagination["next"] = {"href": item_href(following, version), "labelText": following.title}
    return pagination


def search_page(raw_query):
    """Items of every framework's current version whose title or description holds every word
    of the query, ignoring case."""
    query = " ".join((raw_query or "").split())[:SEARCH_MAX_LENGTH]
    context = {"page_title": "Search the framework", "query": query, "results": [], "searched": bool(query)}
    if not query:
        return context
    terms = query.split()[:SEARCH_MAX_TERMS]
    versions = current_versions()
    condition = Q(version__in=versions)
    for term in terms:
        condition &= Q(title__icontains=term) | Q(description__icontains=term)
    matching = set(FrameworkItem.objects.filter(condition).values_list("pk", flat=True))
    by_version = {version.pk: version for version in versions}
    trees = {}
    for item in FrameworkItem.objects.filter(version__in=versions):
        trees.setdefault(item.version_id, []).append(item)
    results = []
    for version in versions:
        tree = Tree(trees.get(version.pk, []))
        for item in tree.walk():
            if item.pk in matching:
                results.append(_result(tree, item, by_version[item.version_id], several=len(versions) > 1))
    context["count"] = len(results)
    context["results"] = results[:SEARCH_MAX_RESULTS]
    context["truncated"] = len(results) > SEARCH_MAX_RESULTS
    return context


def _result(tree, item, version, several):
    trail = [ancestor.title for ancestor in tree.ancestors(item)]
    if several:
        trail.insert(0, version.framework.title)
    snippet = " ".join(item.description.split())
    if len(snippet) > SNIPPET_LENGTH:
        snippet = snippet[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"
    return {
        "title": item.title,
        "href": item_href(item, version),
        "kind_label": item.get_kind_display(),
        "code": item.code,
        "trail": trail,
        "snippet": snippet if item.shows_description else "",
    }


def checklist_page(slug):
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise Http404("No such framework.")
    sections = list(ChecklistSection.objects.filter(framework=framework).prefetch_related("items"))
    if not sections:
        raise Http404("This framework has no checklist.")
    return {
        "page_title": framework.checklist_title or "Checklist",
        "framework": framework,
        "title": framework.checklist_title or "Checklist",
        "introduction": paragraphs(framework.checklist_introduction),
        "sections": [
            {"section": section, "paragraphs": paragraphs(section.description), "items": list(section.items.all())}
            for section in sections
        ],
        "framework_href": reverse("framework:framework", kwargs={"slug": slug}),
    }
