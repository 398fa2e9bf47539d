"""The framework's business rules. Views, commands and other apps call these, not the models.

load_shipped_framework() -> FrameworkVersion
new_version_from(version) -> FrameworkVersion          (a draft copy)
publish(version, *, at=None) -> FrameworkVersion
retire(version, *, at=None) -> FrameworkVersion
add_item(version, *, kind, code, title, description, parent=None, notes="") -> FrameworkItem
update_item(item, *, title=None, description=None, code=None, notes=None, reidentify=False)
remove_item(item)
current_version(framework) -> FrameworkVersion | None
current_versions() -> list[FrameworkVersion]
"""

from ..models import VersionLocked
from .queries import Tree, current_version, current_versions, latest_version_of, only_framework
from .shipped import SHIPPED_SLUG, load_shipped_framework, shipped_identifier, shipped_version_identifier
from .tree import ItemSpec, TreeError
from .versions import add_item, new_version_from, publish, remove_item, retire, update_item

__all__ = [
    "SHIPPED_SLUG",
    "ItemSpec",
    "Tree",
    "TreeError",
    "VersionLocked",
    "add_item",
    "current_version",
    "current_versions",
    "latest_version_of",
    "load_shipped_framework",
    "new_version_from",
    "only_framework",
    "publish",
    "remove_item",
    "retire",
    "shipped_identifier",
    "shipped_version_identifier",
    "update_item",
]
