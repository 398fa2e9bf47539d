"""Drafts of a framework, as an administrator makes them: start one from the published version,
edit it, see how it differs from the published version, publish it.

The edits themselves are `versions.add_item`, `update_item` and `remove_item`, which refuse
anything but a draft (and the models refuse it again). This module adds what the screens need on
top: one draft at a time per framework, moving an item among its siblings, and the comparison.

Items are matched across versions by lineage (frameworks/README.md): an item that keeps its
lineage is the same item, however its code, text or place changed."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Framework, FrameworkItem, FrameworkVersion
from .queries import Tree, current_version
from .versions import _locked_for_update, _refuse_unless_draft, _touch, new_version_from


class DraftExists(ValueError):
    """The framework already has a draft: edit that one, or publish it first."""

    def __init__(self, draft):
        super().__init__(f"{draft.framework} already has a draft ({draft.label.lower()}).")
        self.draft = draft


def draft_of(framework):
    """The framework's draft, or None: there is at most one at a time."""
    return framework.versions.filter(status=FrameworkVersion.Status.DRAFT).order_by("-number").first()


@transaction.atomic
def start_draft(framework):
    """A new draft copied from the current published version. Refused while a draft exists, so
    that two drafts never race to be published over each other."""
    Framework.objects.select_for_update().filter(pk=framework.pk).first()
    existing = draft_of(framework)
    if existing is not None:
        raise DraftExists(existing)
    source = current_version(framework)
    if source is None:
        raise ValueError(f"{framework} has no published version to start a draft from.")
    return new_version_from(source)


@transaction.atomic
def move_item(item, direction):
    """Swap a draft's item with the sibling before it ("up") or after it ("down"). At either
    end nothing moves."""
    item = FrameworkItem.objects.select_related("version").get(pk=item.pk)
    version = _locked_for_update(item.version)
    _refuse_unless_draft(version, "you can reorder")
    siblings = list(version.items.filter(parent_id=item.parent_id).order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return item
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            FrameworkItem.objects.filter(pk=sibling.pk).update(position=position)
    _touch(version, timezone.now())
    item.refresh_from_db()
    return item


FIELDS = (("code", "Code"), ("title", "Title"), ("description", "Text"), ("notes", "Editorial notes"))


@dataclass
class Change:
    before: FrameworkItem
    after: FrameworkItem
    # (label, before, after) for each field that differs.
    fields: list = field(default_factory=list)
    moved: bool = False
    reidentified: bool = False


@dataclass
class Comparison:
    base: FrameworkVersion
    draft: FrameworkVersion
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed)


def _places(tree, common):
    """Each item's parent (by lineage) and its place among the siblings that both versions have,
    so that adding or removing a sibling does not make the others look moved."""
    places = {}
    for parent in [None, *tree.items]:
        siblings = tree.roots if parent is None else tree.children(parent)
        kept = [sibling for sibling in siblings if sibling.lineage in common]
        for index, sibling in enumerate(kept):
            places[sibling.lineage] = (parent.lineage if parent else None, index)
    return places


def compare(base, draft):
    """What `draft` adds to, removes from and changes in `base`, each in its version's tree
    order. Two queries, whatever the size of the framework."""
    before, after = Tree.of(base), Tree.of(draft)
    old = {item.lineage: item for item in before.items}
    new = {item.lineage: item for item in after.items}
    comparison = Comparison(base=base, draft=draft)
    common = old.keys() & new.keys()
    places_before, places_after = _places(before, common), _places(after, common)
    for item in after.walk():
        previous = old.get(item.lineage)
        if previous is None:
            comparison.added.append(item)
            continue
        change = Change(before=previous, after=item)
        change.fields = [
            (label, getattr(previous, name), getattr(item, name))
            for name, label in FIELDS
            if getattr(previous, name) != getattr(item, name)
        ]
        change.moved = places_before[item.lineage] != places_after[item.lineage]
        change.reidentified = previous.identifier != item.identifier
        if change.fields or change.moved or change.reidentified:
            comparison.changed.append(change)
    comparison.removed = [item for item in before.walk() if item.lineage not in new]
    return comparison
