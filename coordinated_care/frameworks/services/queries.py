"""Reading frameworks: which version is current, and a version's items in tree order.

A page reads a version's items in one query and arranges them in Python: a framework has tens
of items, and this keeps every page at a fixed number of queries however large it grows."""

from collections import defaultdict

from ..models import Framework, FrameworkItem, FrameworkVersion


def current_version(framework):
    """The published version with the highest number, or None. Retired and draft versions are
    never current."""
    return framework.versions.published().order_by("-number").first()


def current_versions():
    """The current version of every framework that has one, in framework title order."""
    latest = {}
    for version in FrameworkVersion.objects.published().select_related("framework").order_by("number"):
        latest[version.framework_id] = version
    return sorted(latest.values(), key=lambda version: (version.framework.title, version.framework_id))


def latest_version_of(slug, *, number=None, include_drafts=False):
    """The version `number` of the framework `slug`, or its current version; None if none."""
    versions = FrameworkVersion.objects.select_related("framework").filter(framework__slug=slug)
    if number is not None:
        versions = versions.filter(number=number)
        if not include_drafts:
            versions = versions.exclude(status=FrameworkVersion.Status.DRAFT)
        return versions.first()
    return versions.published().order_by("-number").first()


def only_framework():
    """The framework when there is exactly one, so that commands may leave out its slug."""
    frameworks = list(Framework.objects.all()[:2])
    return frameworks[0] if len(frameworks) == 1 else None


class Tree:
    """A version's items arranged as a tree, read in one query."""

    def __init__(self, items):
        self.items = list(items)
        self.by_pk = {item.pk: item for item in self.items}
        self._children = defaultdict(list)
        for item in self.items:
            self._children[item.parent_id].append(item)
        for siblings in self._children.values():
            siblings.sort(key=lambda item: (item.position, item.pk))

    @classmethod
    def of(cls, version):
        return cls(FrameworkItem.objects.filter(version=version))

    @property
    def roots(self):
        return self._children[None]

    def children(self, item):
        return self._children[item.pk]

    def ancestors(self, item):
        """From the top of the tree down to the item's parent."""
        chain = []
        parent = self.by_pk.get(item.parent_id)
        while parent is not None:
            chain.append(parent)
            parent = self.by_pk.get(parent.parent_id)
        return list(reversed(chain))

    def walk(self, items=None):
        """Every item, parents before children, siblings in order."""
        for item in self.roots if items is None else items:
            yield item
            yield from self.walk(self.children(item))

    def order_key(self, item):
        return [ancestor.position for ancestor in self.ancestors(item)] + [item.position]

    def find(self, code):
        return next((item for item in self.items if item.code == code), None)
