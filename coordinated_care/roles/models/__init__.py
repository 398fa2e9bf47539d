from .checklists import ChecklistEntry, Service
from .content import CompetencyContent, InterviewQuestion, LevelDescriptor
from .curricula import Course, Session
from .evaluation import Rating, Relevance, RoleHolder, SelfEvaluation, Shown
from .profiles import TESTED_BY, Level, Pick, Priority, RoleProfile, RoleProfileVersion, VersionLocked

__all__ = [
    "Course",
    "Session",
    "ChecklistEntry",
    "Service",
    "TESTED_BY",
    "CompetencyContent",
    "InterviewQuestion",
    "Level",
    "LevelDescriptor",
    "Pick",
    "Priority",
    "Rating",
    "Relevance",
    "RoleHolder",
    "SelfEvaluation",
    "Shown",
    "RoleProfile",
    "RoleProfileVersion",
    "VersionLocked",
]
