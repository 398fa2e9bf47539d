from .content import CompetencyContent, InterviewQuestion, LevelDescriptor
from .profiles import TESTED_BY, Level, Pick, Priority, RoleProfile, RoleProfileVersion, VersionLocked

__all__ = [
    "TESTED_BY",
    "CompetencyContent",
    "InterviewQuestion",
    "Level",
    "LevelDescriptor",
    "Pick",
    "Priority",
    "RoleProfile",
    "RoleProfileVersion",
    "VersionLocked",
]
