from .checklist import ChecklistItem, ChecklistSection
from .framework import Framework, FrameworkVersion, VersionLocked
from .items import FrameworkItem

__all__ = [
    "ChecklistItem",
    "ChecklistSection",
    "Framework",
    "FrameworkItem",
    "FrameworkVersion",
    "VersionLocked",
]
