"""What an administrator's draft pages show: the draft's tree with what can be done to each item,
an item's form, the comparison with the published version and the publish page."""

from django.http import Http404
from django.urls import reverse

from . import providers_drafts
from .forms import CHILD_KINDS
from .models import Framework, FrameworkItem, FrameworkVersion
from .presenters import can_draft, item_href, paragraphs, version_href
from .services.drafts import compare
from .services.queries import Tree, current_version


def framework_for(user, slug):
    """The framework `slug`, for an administrator; to anyone else it does not exist."""
    if not can_draft(user):
        raise Http404("No such page.")
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise Http404("No such framework.")
    return framework


def draft_for(user, slug, number):
    """The draft `number` of the framework `slug`, for an administrator. A published or retired
    version has no draft pages: 404, as for anyone not allowed."""
    framework = framework_for(user, slug)
    version = (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework=framework, number=number, status=FrameworkVersion.Status.DRAFT)
        .first()
    )
    if version is None:
        raise Http404("No such draft.")
    return version


def item_of(version, code):
    item = FrameworkItem.objects.select_related("parent").filter(version=version, code=code).first()
    if item is None:
        raise Http404("No such item.")
    return item


def draft_href(version, name="framework:draft", **kwargs):
    return reverse(name, kwargs={"slug": version.framework.slug, "number": version.number, **kwargs})


def versions_panel(version, versions, user):
    """On a version's page, for an administrator: the draft to go on with, or a button to start one."""
    if not can_draft(user):
        return None
    draft = next((other for other in versions if other.status == FrameworkVersion.Status.DRAFT), None)
    return {
        "draft": draft,
        "draft_href": draft_href(draft) if draft else None,
        "start_href": reverse("framework:start_draft", kwargs={"slug": version.framework.slug}),
        "can_start": draft is None and any(v.status == FrameworkVersion.Status.PUBLISHED for v in versions),
    }


def _row(tree, item, version, links):
    siblings = tree.children(tree.by_pk[item.parent_id]) if item.parent_id else tree.roots
    kinds = CHILD_KINDS[item.kind]
    return {
        "item": item,
        "depth": len(tree.ancestors(item)),
        "edit_href": draft_href(version, "framework:edit_item", code=item.code),
        "remove_href": draft_href(version, "framework:remove_item", code=item.code),
        "move_href": draft_href(version, "framework:move_item", code=item.code),
        "add_href": draft_href(version, "framework:add_item") + f"?parent={item.code}" if kinds else None,
        "add_label": "Add a component" if kinds == [FrameworkItem.Kind.COMPONENT] else "Add an item",
        "first": siblings[0].pk == item.pk,
        "last": siblings[-1].pk == item.pk,
        # What other apps keep with the item in this version (the role profiles' content).
        "links": links.get(item.pk, []),
        "children": [_row(tree, child, version, links) for child in tree.children(item)],
    }


def draft_page(version):
    tree = Tree.of(version)
    base = current_version(version.framework)
    links = providers_drafts.item_links(version, tree.items)
    return {
        "page_title": f"Edit the draft: {version.framework.title} ({version.label.lower()})",
        "framework": version.framework,
        "version": version,
        "base": base,
        "rows": [_row(tree, domain, version, links) for domain in tree.roots],
        "add_domain_href": draft_href(version, "framework:add_item"),
        "compare_href": draft_href(version, "framework:compare"),
        "publish_href": draft_href(version, "framework:publish"),
        "preview_href": version_href(version),
    }


def item_form_page(version, form, *, item=None, parent=None):
    return {
        "page_title": f"Change {item.code} {item.title}" if item else "Add an item",
        "framework": version.framework,
        "version": version,
        "item": item,
        "parent": parent,
        "form": form,
        "back_href": draft_href(version),
    }


def remove_page(version, item, error=""):
    tree = Tree.of(version)
    below = list(tree.walk(tree.children(tree.by_pk[item.pk])))
    return {
        "page_title": f"Remove {item.code} {item.title}",
        "version": version,
        "item": item,
        "below": below,
        "error": error,
        "back_href": draft_href(version),
    }


def _item_row(item, version):
    return {"item": item, "href": item_href(item, version), "kind": item.get_kind_display()}


def comparison_context(version):
    base = current_version(version.framework)
    if base is None:
        return {"base": None, "comparison": None, "sections": []}
    result = compare(base, version)
    base.framework = version.framework
    return {
        "base": base,
        "comparison": result,
        # What other apps keep with the version and the draft changes (the role profiles' content).
        "sections": providers_drafts.comparisons(base, version),
        "added": [_item_row(item, version) for item in result.added],
        "removed": [_item_row(item, base) for item in result.removed],
        "changed": [
            {
                **_item_row(change.after, version),
                "fields": [
                    {
                        "label": label,
                        "before": paragraphs(before) or ["(none)"],
                        "after": paragraphs(after) or ["(none)"],
                    }
                    for label, before, after in change.fields
                ],
                "moved": change.moved,
                "reidentified": change.reidentified,
            }
            for change in result.changed
        ],
    }


def compare_page(version):
    return {
        "page_title": f"Compare the draft with the published version: {version.framework.title}",
        "framework": version.framework,
        "version": version,
        **comparison_context(version),
        "back_href": draft_href(version),
        "publish_href": draft_href(version, "framework:publish"),
    }


def publish_page(version, error=""):
    context = comparison_context(version)
    return {
        "page_title": f"Publish {version.label.lower()} of {version.framework.title}",
        "framework": version.framework,
        "version": version,
        **context,
        "error": error,
        "back_href": draft_href(version),
        "compare_href": draft_href(version, "framework:compare"),
    }
